"""How a member is reached: the join and conditions every "who is linked" query shares.

A member is linked on Telegram by ``telegram_user_id``, on WhatsApp by a link they
confirmed while ``members.phone`` still holds that number. Use ``outerjoin(WhatsAppLink,
CONFIRMED_WHATSAPP)`` and then ``LINKED`` or ``UNLINKED`` ("belum terhubung").
"""

from __future__ import annotations

from sqlalchemy import and_, or_
from sqlmodel import col

from storage.tables import Member
from storage.tables_whatsapp import WhatsAppLink

CONFIRMED_WHATSAPP = and_(
    col(WhatsAppLink.member_id) == col(Member.id),
    col(WhatsAppLink.phone) == col(Member.phone),
    col(WhatsAppLink.confirmed_at).is_not(None),
)
ON_TELEGRAM = col(Member.telegram_user_id).is_not(None)
ON_WHATSAPP = col(WhatsAppLink.id).is_not(None)
LINKED = or_(ON_TELEGRAM, ON_WHATSAPP)
UNLINKED = and_(col(Member.telegram_user_id).is_(None), col(WhatsAppLink.id).is_(None))
