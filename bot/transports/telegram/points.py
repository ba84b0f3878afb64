"""Home point (/rumah, private, approved by a supervisor), office point (/kantor), /radius.

After /rumah or /kantor the next location from that person in that chat (within a few
minutes) is taken as the point, not as an attendance answer: the capture handlers sit
first in the attendance router and only match while the FSM state is set (state lives
in the Dispatcher's storage; a restart forgets it and the person asks again).
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Location,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.texts import render, t
from bot.transports.telegram.filters import IsAdmin, from_user, in_group, in_private
from bot.transports.telegram.replies import answer, answer_key
from handlers.points import PointsService

log = logging.getLogger(__name__)


class PointCapture(StatesGroup):
    home = State()
    office = State()


class HomeVote(CallbackData, prefix="home"):
    point_id: int
    approve: bool


# --- /rumah ----------------------------------------------------------------------------------


def location_keyboard(language: str) -> ReplyKeyboardMarkup:
    button = KeyboardButton(text=t("points.home_button", language), request_location=True)
    return ReplyKeyboardMarkup(keyboard=[[button]], resize_keyboard=True, one_time_keyboard=True)


async def on_home(
    message: Message, state: FSMContext, points: PointsService, language: str
) -> None:
    assert message.from_user is not None
    reply = await points.ask_home(user_id=message.from_user.id)
    if not reply.ok:
        await answer(message, reply, language)
        return
    await state.set_state(PointCapture.home)
    await state.update_data(since=points.capture_started())
    await message.reply(render(reply, language), reply_markup=location_keyboard(language))


async def on_home_in_group(message: Message, language: str) -> None:
    await answer_key(message, "points.home_private", language)


def vote_keyboard(point_id: int, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("points.approve", language),
                    callback_data=HomeVote(point_id=point_id, approve=True).pack(),
                ),
                InlineKeyboardButton(
                    text=t("points.reject", language),
                    callback_data=HomeVote(point_id=point_id, approve=False).pack(),
                ),
            ]
        ]
    )


async def still_capturing(state: FSMContext, points: PointsService) -> None:
    """Past the capture window the location is an attendance answer after all."""
    data = await state.get_data()
    if not points.capture_open(data.get("since")):
        await state.clear()
        raise SkipHandler


async def on_home_location(
    message: Message, bot: Bot, state: FSMContext, points: PointsService, language: str
) -> None:
    await still_capturing(state, points)
    assert message.from_user is not None and message.location is not None
    location: Location = message.location
    submitted = await points.submit_home(
        user_id=message.from_user.id,
        latitude=location.latitude,
        longitude=location.longitude,
        accuracy=location.horizontal_accuracy,
        forwarded=message.forward_origin is not None,
        venue=message.venue is not None,
    )
    if not submitted.reply.ok:
        await answer(message, submitted.reply, language)
        return
    await state.clear()
    unreachable = 0
    for request in submitted.requests:
        text = t("points.approval", language, **request.params)
        for supervisor in request.supervisors:
            try:
                await bot.send_message(
                    supervisor, text, reply_markup=vote_keyboard(request.point_id, language)
                )
            except (TelegramForbiddenError, TelegramBadRequest) as exc:
                log.info(
                    "home point %s: supervisor %s unreachable: %s",
                    request.point_id,
                    supervisor,
                    exc,
                )
                unreachable += 1
    lines = [render(submitted.reply, language)]
    if unreachable:
        lines.append(t("points.home_unreachable", language, count=unreachable))
    await message.reply("\n".join(lines), reply_markup=ReplyKeyboardRemove())


async def on_vote(
    callback: CallbackQuery,
    callback_data: HomeVote,
    bot: Bot,
    points: PointsService,
    language: str,
) -> None:
    decision = await points.decide_home(
        point_id=callback_data.point_id,
        approve=callback_data.approve,
        user_id=callback.from_user.id,
        name=callback.from_user.full_name,
    )
    await callback.answer(render(decision.answer, language), show_alert=not decision.decided)
    message = callback.message
    if decision.outcome is not None and isinstance(message, Message) and message.text:
        outcome = render(decision.outcome, language)
        if outcome not in message.text:
            await message.edit_text(f"{message.text}\n\n{outcome}")
    if decision.member_user_id is not None and decision.member_notice is not None:
        try:
            await bot.send_message(
                decision.member_user_id, render(decision.member_notice, language)
            )
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            log.info("home point decision not delivered to %s: %s", decision.member_user_id, exc)


# --- /kantor, /radius (group admins) ---------------------------------------------------------


async def on_office(
    message: Message, state: FSMContext, points: PointsService, language: str
) -> None:
    replied = message.reply_to_message
    if replied is not None and replied.location is not None and message.from_user is not None:
        reply = await points.set_office(
            chat_id=message.chat.id,
            user_id=message.from_user.id,
            latitude=replied.location.latitude,
            longitude=replied.location.longitude,
            accuracy=replied.location.horizontal_accuracy,
            forwarded=replied.forward_origin is not None,
        )
        await answer(message, reply, language)
        return
    await state.set_state(PointCapture.office)
    await state.update_data(since=points.capture_started())
    await answer_key(message, "points.office_ask", language, minutes=10)


async def on_office_location(
    message: Message, state: FSMContext, points: PointsService, language: str
) -> None:
    await still_capturing(state, points)
    assert message.from_user is not None and message.location is not None
    reply = await points.set_office(
        chat_id=message.chat.id,
        user_id=message.from_user.id,
        latitude=message.location.latitude,
        longitude=message.location.longitude,
        accuracy=message.location.horizontal_accuracy,
        forwarded=message.forward_origin is not None,
    )
    if reply.ok:
        await state.clear()
    await answer(message, reply, language)


async def on_radius(
    message: Message, command: CommandObject, points: PointsService, language: str
) -> None:
    await answer(
        message, await points.set_radius(chat_id=message.chat.id, args=command.args or ""), language
    )


async def on_radius_view(
    message: Message, command: CommandObject, points: PointsService, language: str
) -> None:
    """Anyone may see the radii; only admins change them."""
    if command.args:
        await answer_key(message, "admin.only", language)
        return
    await answer(message, await points.show_radius(chat_id=message.chat.id), language)


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


async def on_group_only(message: Message, language: str) -> None:
    await answer_key(message, "group.only", language)


OFFICE_COMMANDS = ("kantor", "office", "radius")


def register_capture(router: Router) -> None:
    """On the location router, before attendance: a location right after /rumah or /kantor
    is the point asked for (past the capture window the handler skips to attendance)."""
    router.message.register(on_home_location, in_private, StateFilter(PointCapture.home))
    router.message.register(on_office_location, in_group, StateFilter(PointCapture.office))


def build_router() -> Router:
    router = Router(name="points")
    router.message.filter(from_user)
    router.message.register(on_home, in_private, Command("rumah", "home"))
    router.message.register(on_home_in_group, in_group, Command("rumah", "home"))
    router.message.register(on_group_only, in_private, Command(*OFFICE_COMMANDS))
    admin = Router(name="points_admin")
    admin.message.filter(in_group, Command(*OFFICE_COMMANDS), IsAdmin())
    admin.message.register(on_office, Command("kantor", "office"))
    admin.message.register(on_radius, Command("radius"))
    refusal = Router(name="points_refusal")
    refusal.message.filter(in_group)
    refusal.message.register(on_radius_view, Command("radius"))
    refusal.message.register(on_not_admin, Command("kantor", "office"))
    router.include_routers(admin, refusal)
    router.callback_query.register(on_vote, HomeVote.filter())
    return router
