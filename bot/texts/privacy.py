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
    # /dataku
    "mydata.private": {
        "id": "🔒 /dataku menampilkan data pribadi: kirim di chat pribadi dengan bot, bukan di grup.",
        "en": "🔒 /mydata shows personal data: send it in a private chat with the bot, not in a group.",
    },
    "mydata.head": {
        "id": "🔒 Data Anda di Hadir\nNama: {name}\nNIP: {nip}\nInstansi: {agency} ({code})\nPeran: {role}{supervisor}",
        "en": "🔒 Your data in Hadir\nName: {name}\nNIP: {nip}\nAgency: {agency} ({code})\nRole: {role}{supervisor}",
    },
    "mydata.supervisor": {"id": " · atasan", "en": " · supervisor"},
    "mydata.phone": {"id": "WhatsApp tertaut: {phone}", "en": "Linked WhatsApp: {phone}"},
    "mydata.no_phone": {"id": "WhatsApp tertaut: tidak ada", "en": "Linked WhatsApp: none"},
    "mydata.home.approved": {
        "id": "Titik rumah: disetujui {date} (koordinat tidak ditampilkan)",
        "en": "Home point: approved {date} (coordinates not shown)",
    },
    "mydata.home.none": {
        "id": "Titik rumah: belum ada (kirim /rumah)",
        "en": "Home point: none yet (send /home)",
    },
    "mydata.home.pending": {
        "id": "Titik rumah baru menunggu persetujuan atasan.",
        "en": "A new home point awaits a supervisor's approval.",
    },
    "mydata.leave_head": {"id": "Izin/cuti bulan ini:", "en": "Leave this month:"},
    "mydata.leave": {
        "id": "• {kind} {start} s.d. {end} — {status}",
        "en": "• {kind} {start} to {end} — {status}",
    },
    "mydata.leave.pending": {"id": "menunggu", "en": "pending"},
    "mydata.leave.approved": {"id": "disetujui", "en": "approved"},
    "mydata.attendance_head": {
        "id": "Kehadiran {month} (jam {zone}):",
        "en": "Attendance {month} ({zone} times):",
    },
    "mydata.no_attendance": {
        "id": "Belum ada jendela laporan yang lewat tenggat bulan ini.",
        "en": "No reporting window has passed its deadline this month yet.",
    },
    "mydata.deletion_pending": {
        "id": "Permintaan penghapusan data Anda sedang menunggu keputusan instansi.",
        "en": "Your data deletion request awaits the agency's decision.",
    },
    "mydata.footer": {
        "id": "Koordinat lokasi dihapus otomatis setelah masa simpan. Minta penghapusan data: /hapus_data",
        "en": "Location coordinates are deleted automatically after the retention period. Ask for deletion: /delete_data",
    },
    # /hapus_data
    "deletion.private": {
        "id": "🔒 /hapus_data menyangkut data pribadi: kirim di chat pribadi dengan bot, bukan di grup.",
        "en": "🔒 /delete_data concerns personal data: send it in a private chat with the bot, not in a group.",
    },
    "deletion.requested": {
        "id": "📝 Permintaan penghapusan data Anda dicatat dan diteruskan ke {supervisors} atasan {agency}.\nYang terjadi selanjutnya:\n• Koordinat lokasi Anda dihapus otomatis {days} hari setelah dikirim; status kehadiran tetap disimpan karena termasuk arsip resmi instansi.\n• Nama dan NIP tetap disimpan selama Anda tercatat sebagai pegawai instansi; instansi yang memutuskan permintaan ini (UU 27/2022).\nLihat data Anda: /dataku",
        "en": "📝 Your data deletion request was recorded and passed to {supervisors} supervisor(s) of {agency}.\nWhat happens next:\n• Your location coordinates are deleted automatically {days} days after they were sent; attendance statuses are kept as the agency's official records.\n• Your name and NIP are kept while you are on the agency's roster; the agency decides on this request (UU 27/2022).\nSee your data: /mydata",
    },
    "deletion.already": {
        "id": "Permintaan penghapusan data Anda sejak {date} masih menunggu keputusan instansi.",
        "en": "Your data deletion request of {date} is still awaiting the agency's decision.",
    },
    "deletion.notice": {
        "id": "🗑️ Permintaan penghapusan data pribadi (UU 27/2022)\n{name} (NIP {nip}), {agency} ({code}), {date}.\nKoordinat lokasi terhapus otomatis setelah {days} hari; status kehadiran dan identitas pegawai adalah arsip instansi. Mohon tindak lanjuti bersama pejabat pengelola data instansi.",
        "en": "🗑️ Personal data deletion request (UU 27/2022)\n{name} (NIP {nip}), {agency} ({code}), {date}.\nLocation coordinates are deleted automatically after {days} days; attendance statuses and staff identity are agency records. Please follow up with the agency's data officer.",
    },
}
