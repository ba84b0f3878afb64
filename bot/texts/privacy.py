"""Texts of /bahasa (reply language), /dataku (own records) and /hapus_data (deletion)."""

TEXTS: dict[str, dict[str, str]] = {
    # /bahasa
    "language.usage": {
        "id": "Format: /bahasa id|en (id: Bahasa Indonesia, en: English)",
        "en": "Usage: /language id|en (id: Bahasa Indonesia, en: English)",
    },
    "language.show": {
        "id": "Bahasa balasan: {language}.\nUbah: /bahasa id|en (di grup: admin, untuk seluruh instansi; di chat pribadi: untuk Anda sendiri)",
        "en": "Reply language: {language}.\nChange: /language id|en (in a group: admins, for the whole agency; in a private chat: for yourself)",
    },
    "language.set_user": {
        "id": "✅ Bahasa balasan untuk Anda: Bahasa Indonesia (id).",
        "en": "✅ Your reply language: English (en).",
    },
    "language.set_agency": {
        "id": "✅ Bahasa instansi: Bahasa Indonesia (id). Pengumuman jendela, rekap dan balasan di grup ini memakai bahasa ini.",
        "en": "✅ Agency language: English (en). Window prompts, summaries and replies in this group use it.",
    },
}
