"""WhatsApp texts: linking numbers (/wa), the one-to-one chat, and summary marks.

WhatsApp formats *bold* with single asterisks. Template messages are not here: their
text is approved by Meta and lives in the WhatsApp Manager (see config.example.toml).
"""

TEXTS: dict[str, dict[str, str]] = {
    # /wa in the agency group (Telegram)
    "wa.usage": {
        "id": "Format:\n/wa NIP +62… [Nama lengkap] — hubungkan pegawai ke WhatsApp (nama wajib bila NIP belum terdaftar)\n/wa atasan +62… Nama — atasan menerima rekap lewat WhatsApp\nContoh: /wa 198503122010011002 +6281234567890",
        "en": "Usage:\n/wa NIP +62… [Full name] — link a member to WhatsApp (name required when the NIP is not registered)\n/wa atasan +62… Name — a supervisor gets summaries on WhatsApp\nExample: /wa 198503122010011002 +6281234567890",
    },
    "wa.bad_phone": {
        "id": "Nomor {phone} tidak valid. Tulis dengan kode negara, mis. +6281234567890 (atau 081234567890).",
        "en": "{phone} is not a valid number. Write it with the country code, e.g. +6281234567890.",
    },
    "wa.name_needed": {
        "id": "NIP {nip} belum terdaftar di instansi ini. Tambahkan nama lengkap: /wa {nip} {phone} Nama lengkap",
        "en": "NIP {nip} is not registered in this agency. Add the full name: /wa {nip} {phone} Full name",
    },
    "wa.phone_taken": {
        "id": "Nomor {phone} sudah dipakai {name} di instansi ini.",
        "en": "{phone} is already used by {name} in this agency.",
    },
    "wa.linked": {
        "id": "📱 {name} (NIP {nip}): WhatsApp {phone} dicatat. Hadir mengirim pesan ke nomor itu; {name} perlu membalasnya untuk konfirmasi. Setelah itu permintaan lokasi datang lewat WhatsApp.",
        "en": "📱 {name} (NIP {nip}): WhatsApp {phone} saved. Hadir sends that number a message; {name} must reply to it to confirm. Location requests then arrive on WhatsApp.",
    },
    "wa.linked_later": {
        "id": "📱 {name} (NIP {nip}): WhatsApp {phone} dicatat. Pesan konfirmasi dikirim setelah WhatsApp diaktifkan di konfigurasi Hadir.",
        "en": "📱 {name} (NIP {nip}): WhatsApp {phone} saved. The confirmation message goes out once WhatsApp is enabled in Hadir's configuration.",
    },
    "wa.already": {
        "id": "{name} sudah terhubung ke WhatsApp {phone}.",
        "en": "{name} is already linked to WhatsApp {phone}.",
    },
    "wa.supervisor_added": {
        "id": "✅ {name} ({phone}) menerima rekap setiap tenggat lewat WhatsApp.",
        "en": "✅ {name} ({phone}) will get a summary on WhatsApp at every deadline.",
    },
    "wa.supervisor_already": {
        "id": "{phone} sudah menerima rekap instansi ini lewat WhatsApp.",
        "en": "{phone} already gets this agency's summaries on WhatsApp.",
    },
    # the one-to-one chat on WhatsApp
    "wa.confirmed": {
        "id": "✅ Terhubung: {name}, {agency}. Saat jendela laporan dibuka, Hadir meminta lokasi Anda di chat ini. Ketik *bantuan* untuk daftar perintah.",
        "en": "✅ Linked: {name}, {agency}. When a reporting window opens, Hadir asks for your location in this chat. Type *help* for the commands.",
    },
    "wa.unregistered": {
        "id": "Nomor ini belum terdaftar di Hadir. Minta admin grup instansi Anda menautkannya: /wa NIP {phone}",
        "en": "This number is not registered with Hadir. Ask your agency group's admin to link it: /wa NIP {phone}",
    },
    "wa.ask": {
        "id": "📍 Laporan kehadiran {window} {zone} — {agency}\nKetuk *Kirim lokasi* lalu bagikan lokasi Anda saat ini, paling lambat pukul {deadline} {zone}.",
        "en": "📍 Attendance report {window} {zone} — {agency}\nTap *Send location* and share your current location by {deadline} {zone}.",
    },
    "wa.remind": {
        "id": "⏰ Pengingat: laporan kehadiran {window} {zone} — {agency}\nAnda belum membagikan lokasi. Ketuk *Kirim lokasi* paling lambat pukul {deadline} {zone}.",
        "en": "⏰ Reminder: attendance report {window} {zone} — {agency}\nYou have not shared your location yet. Tap *Send location* by {deadline} {zone}.",
    },
    "wa.help": {
        "id": "Hadir — absensi kerja dari rumah\n• Saat diminta: ketuk *Kirim lokasi*, atau 📎 → Lokasi → Kirim lokasi Anda saat ini\n• *izin* alasan — minta izin hari ini\n• *sakit* keterangan — lapor sakit hari ini\n• *lapor* kegiatan — laporan kegiatan hari ini\n• *bantuan* — pesan ini",
        "en": "Hadir — work-from-home attendance\n• When asked: tap *Send location*, or 📎 → Location → Send your current location\n• *izin* reason — ask for permission today\n• *sakit* note — report sick today\n• *lapor* activities — today's activity report\n• *help* — this message",
    },
    "wa.help_supervisor": {
        "id": "Sebagai atasan, Anda menerima rekap di chat ini setiap tenggat: jumlah per status dan nama yang belum mengirim lokasi.",
        "en": "As a supervisor you get a summary in this chat at every deadline: counts per status and the names of those who did not share a location.",
    },
    "wa.unknown": {
        "id": "Maaf, Hadir belum mengerti pesan itu. Ketik *bantuan* untuk daftar perintah.",
        "en": "Sorry, Hadir did not understand that. Type *help* for the commands.",
    },
    "wa.not_yet": {
        "id": "Perintah *{command}* belum tersedia di WhatsApp. Sementara ini sampaikan lewat grup Telegram instansi atau atasan Anda.",
        "en": "*{command}* is not available on WhatsApp yet. For now, use your agency's Telegram group or tell your supervisor.",
    },
    # summaries
    "summary.undelivered": {
        "id": "pesan gagal terkirim",
        "en": "message could not be delivered",
    },
}
