"""Core texts: set-up, registration, locations, prompts, summaries, help."""

TEXTS: dict[str, dict[str, str]] = {
    # set-up
    "setup.usage": {
        "id": "Format: /setup KODE Nama instansi\nContoh: /setup DISKOMINFO Dinas Komunikasi dan Informatika\n(KODE: 2–32 huruf/angka, tanpa spasi)",
        "en": "Usage: /setup CODE Agency name\nExample: /setup DISKOMINFO Dinas Komunikasi dan Informatika\n(CODE: 2–32 letters/digits, no spaces)",
    },
    "setup.created": {
        "id": "✅ Grup ini terdaftar sebagai {name} ({code}).\nJadwal: {windows} {zone}, tenggat {deadline} menit, hari {days}.\nAnggota mendaftar dengan /daftar NIP Nama lengkap.",
        "en": "✅ This group is registered as {name} ({code}).\nSchedule: {windows} {zone}, deadline {deadline} minutes, days {days}.\nMembers join with /register NIP Full name.",
    },
    "setup.updated": {
        "id": "✅ Data instansi diperbarui: {name} ({code}).",
        "en": "✅ Agency updated: {name} ({code}).",
    },
    "setup.code_taken": {
        "id": "Kode {code} sudah dipakai grup lain. Pilih kode lain.",
        "en": "Code {code} is already used by another group. Choose another code.",
    },
    "agency.missing": {
        "id": "Grup ini belum terdaftar. Admin grup: /setup KODE Nama instansi",
        "en": "This group is not registered yet. Group admin: /setup CODE Agency name",
    },
    "admin.only": {
        "id": "Maaf, perintah ini hanya untuk admin grup.",
        "en": "Sorry, this command is for group admins only.",
    },
    "admin.anonymous": {
        "id": "🙈 Perintah dari admin anonim tidak bisa diperiksa atau dicatat atas nama siapa pun. Kirim ulang dari akun Anda sendiri: di hak admin Anda, matikan «Tetap Anonim».",
        "en": "🙈 A command from an anonymous admin cannot be checked or recorded under anyone's name. Send it again from your own account: turn off 'Remain anonymous' in your admin rights.",
    },
    "group.only": {
        "id": "Perintah ini dipakai di grup instansi.",
        "en": "Use this command in your agency group.",
    },
    "zone.usage": {
        "id": "Format: /zona WIB|WITA|WIT",
        "en": "Usage: /zona WIB|WITA|WIT",
    },
    "zone.set": {
        "id": "✅ Zona waktu: {zone}. Jadwal: {windows}, tenggat {deadline} menit.",
        "en": "✅ Time zone: {zone}. Schedule: {windows}, deadline {deadline} minutes.",
    },
    "schedule.usage": {
        "id": "Format: /jadwal 07:30 11:30 15:00 (1–8 jam, JJ:MM atau JJ.MM, tanpa duplikat)",
        "en": "Usage: /schedule 07:30 11:30 15:00 (1–8 times, HH:MM or HH.MM, no duplicates)",
    },
    "schedule.invalid": {
        "id": "Jadwal tidak bisa dipakai: tenggat jendela terakhir melewati tengah malam. Majukan jam atau perpendek /tenggat.",
        "en": "That schedule cannot be used: the last window's deadline passes midnight. Use earlier times or a shorter /deadline.",
    },
    "schedule.set": {
        "id": "✅ Jadwal: {windows} {zone}, tenggat {deadline} menit, hari {days}.",
        "en": "✅ Schedule: {windows} {zone}, deadline {deadline} minutes, days {days}.",
    },
    "schedule.show": {
        "id": "Jadwal {name}: {windows} {zone}, tenggat {deadline} menit, hari {days}.\nUbah: /jadwal 07:30 11:30 15:00",
        "en": "{name} schedule: {windows} {zone}, deadline {deadline} minutes, days {days}.\nChange: /schedule 07:30 11:30 15:00",
    },
    "deadline.usage": {
        "id": "Format: /tenggat MENIT (1–240), mis. /tenggat 30",
        "en": "Usage: /deadline MINUTES (1–240), e.g. /deadline 30",
    },
    "deadline.set": {
        "id": "✅ Tenggat: {deadline} menit setelah jendela dibuka ({windows} {zone}).",
        "en": "✅ Deadline: {deadline} minutes after each window opens ({windows} {zone}).",
    },
    "supervisor.usage": {
        "id": "Balas pesan anggota dengan /atasan, atau: /atasan @username",
        "en": "Reply to a member's message with /supervisor, or: /supervisor @username",
    },
    "supervisor.unknown_username": {
        "id": "Pengguna @{username} belum dikenal bot (belum /daftar di grup ini). Balas salah satu pesannya dengan /atasan.",
        "en": "The bot does not know @{username} yet (not registered here). Reply to one of their messages with /supervisor.",
    },
    "supervisor.added": {
        "id": "✅ {name} sekarang atasan: menerima rekap setiap tenggat. Minta beliau membuka chat pribadi dengan bot dan menekan /start.",
        "en": "✅ {name} is now a supervisor and will get a summary at each deadline. Ask them to open a private chat with the bot and press /start.",
    },
    "supervisor.already": {
        "id": "{name} sudah menjadi atasan.",
        "en": "{name} is already a supervisor.",
    },
    # registration
    "register.usage": {
        "id": "Format: /daftar NIP Nama lengkap\nContoh: /daftar 198503122010011002 Budi Santoso",
        "en": "Usage: /register NIP Full name\nExample: /register 198503122010011002 Budi Santoso",
    },
    "register.created": {
        "id": "✅ Terdaftar: {name} (NIP {nip}) di {agency}. Kirim lokasi saat jendela laporan dibuka.",
        "en": "✅ Registered: {name} (NIP {nip}) at {agency}. Share your location when a reporting window opens.",
    },
    "register.updated": {
        "id": "✅ Data diperbarui: {name} (NIP {nip}).",
        "en": "✅ Updated: {name} (NIP {nip}).",
    },
    "register.nip_taken": {
        "id": "NIP {nip} sudah dipakai akun lain di instansi ini. Hubungi admin grup bila ini keliru.",
        "en": "NIP {nip} is already linked to another account in this agency. Contact the group admin if this is wrong.",
    },
    "register.other_nip": {
        "id": "Akun Anda sudah terdaftar dengan NIP {nip}. Hubungi admin grup untuk mengubahnya.",
        "en": "Your account is already registered with NIP {nip}. Contact the group admin to change it.",
    },
    "nip.format": {
        "id": "NIP harus 18 angka. Format: /daftar NIP Nama lengkap",
        "en": "A NIP has 18 digits. Usage: /register NIP Full name",
    },
    "nip.birth_date": {
        "id": "NIP tidak valid: 8 angka pertama harus tanggal lahir (tttthhbb → yyyymmdd) yang ada.",
        "en": "Invalid NIP: the first 8 digits must be a real birth date (yyyymmdd).",
    },
    "nip.appointment": {
        "id": "NIP tidak valid: angka 9–14 harus tahun dan bulan pengangkatan (yyyymm), minimal 18 tahun setelah lahir.",
        "en": "Invalid NIP: digits 9–14 must be the appointment year and month (yyyymm), at least 18 years after birth.",
    },
    "nip.sex": {
        "id": "NIP tidak valid: angka ke-15 (jenis kelamin) harus 1 atau 2.",
        "en": "Invalid NIP: digit 15 (sex) must be 1 or 2.",
    },
    "nip.sequence": {
        "id": "NIP tidak valid: 3 angka terakhir (nomor urut) tidak boleh 000.",
        "en": "Invalid NIP: the last 3 digits (sequence) cannot be 000.",
    },
    # attendance
    "location.forwarded": {
        "id": "Lokasi terusan (forward) tidak dihitung. Bagikan lokasi Anda sendiri: 📎 → Lokasi.",
        "en": "Forwarded locations do not count. Share your own location: 📎 → Location.",
    },
    "location.venue": {
        "id": "Tempat (venue) tidak dihitung. Bagikan lokasi Anda saat ini: 📎 → Lokasi → Kirim lokasi saya.",
        "en": "Venues do not count. Share your current location: 📎 → Location → Send my location.",
    },
    "location.unregistered": {
        "id": "Lokasi belum dihitung: Anda belum terdaftar. Daftar dulu: /daftar NIP Nama lengkap",
        "en": "Location not counted: you are not registered. Register first: /register NIP Full name",
    },
    "location.no_agency": {
        "id": "Grup ini belum terdaftar sebagai instansi; lokasi tidak dicatat.",
        "en": "This group is not registered as an agency; locations are not recorded.",
    },
    "location.paused": {
        "id": "Absensi instansi ini sedang dihentikan sementara.",
        "en": "Attendance for this agency is paused.",
    },
    "location.no_window": {
        "id": "Belum ada jendela laporan yang dibuka sekarang. Jendela berikutnya pukul {next_window} {zone}.",
        "en": "No reporting window is open now. The next one opens at {next_window} {zone}.",
    },
    "location.no_window_today": {
        "id": "Tidak ada jendela laporan lagi hari ini.",
        "en": "There are no more reporting windows today.",
    },
    # scheduled messages
    "prompt": {
        "id": "📍 Laporan kehadiran {window} {zone} — {agency}\nBagikan lokasi Anda sekarang (📎 → Lokasi; lokasi langsung/live lebih baik) paling lambat pukul {deadline} {zone}.\nDiharapkan: {expected} pegawai.",
        "en": "📍 Attendance report {window} {zone} — {agency}\nShare your location now (📎 → Location; live location is best) by {deadline} {zone}.\nExpected: {expected} staff.",
    },
    "summary.head": {
        "id": "📋 Rekap {agency} ({code})\n{weekday}, {date} · jendela {window} {zone}, tenggat {deadline}\nDiharapkan {expected} · hadir {on_time} · terlambat {late} · tidak merespons {missing_count}",
        "en": "📋 Summary {agency} ({code})\n{weekday}, {date} · window {window} {zone}, deadline {deadline}\nExpected {expected} · on time {on_time} · late {late} · no response {missing_count}",
    },
    "summary.missing": {
        "id": "Belum mengirim lokasi:",
        "en": "Did not share a location:",
    },
    "summary.none_missing": {
        "id": "Semua pegawai sudah mengirim lokasi. 👍",
        "en": "Everyone shared a location. 👍",
    },
    "summary.ask_start": {
        "id": "ℹ️ {names}: rekap ini tidak bisa dikirim ke chat pribadi Anda. Buka chat dengan bot ini dan tekan /start agar rekap berikutnya sampai langsung.",
        "en": "ℹ️ {names}: this summary could not be sent to you privately. Open a chat with this bot and press /start so the next one reaches you directly.",
    },
    # help
    "help.member": {
        "id": "Hadir — absensi kerja dari rumah\n• /daftar NIP Nama lengkap — daftar di grup instansi\n• Saat jendela dibuka: bagikan lokasi (📎 → Lokasi)\n• /jadwal — lihat jadwal\n• /izin, /sakit, /dinas + alasan — untuk hari ini; /cuti DD-MM [DD-MM] alasan — rentang tanggal\n• /lapor uraian — laporan kegiatan hari ini (wajib bagi pimpinan)\n• /rumah — kirim titik rumah (di chat pribadi dengan bot); dipakai setelah disetujui atasan\n• /piket — lihat piket hari ini\n• /bantuan — bantuan ini",
        "en": "Hadir — work-from-home attendance\n• /register NIP Full name — join in your agency group\n• When a window opens: share your location (📎 → Location)\n• /schedule — see the schedule\n• /izin, /sakit, /dinas + reason — for today; /cuti DD-MM [DD-MM] reason — a date range\n• /report text — today's activity report (required of leaders)\n• /home — send your home point (in a private chat with the bot); used once a supervisor approves it\n• /piket — today's duty roster\n• /help — this help",
    },
    "help.admin": {
        "id": "Perintah admin grup:\n• /setup KODE Nama instansi\n• /zona WIB|WITA|WIT\n• /jadwal 07:30 11:30 15:00 (tanpa argumen: lihat)\n• /tenggat 30 (menit, 1–240)\n• /atasan — balas pesan anggota, atau /atasan @username\n• /peran pegawai|pimpinan|piket|lapangan|satgas — balas pesan anggota\n• /hari Sen-Jum — hari kerja\n• /libur DD-MM-YYYY keterangan — libur instansi (libur nasional otomatis)\n• /periode DD-MM-YYYY DD-MM-YYYY — masa WFH\n• /rekap [DD-MM-YYYY] — rekap harian\n• /kantor lalu kirim lokasi — titik kantor; /radius M (kantor) atau /radius rumah M, 10–5000 m\n• /piket Nama, NIP… atau balas pesan anggota — piket hari ini",
        "en": "Group admin commands:\n• /setup CODE Agency name\n• /zona WIB|WITA|WIT\n• /schedule 07:30 11:30 15:00 (no arguments: show)\n• /deadline 30 (minutes, 1–240)\n• /supervisor — reply to a member's message, or /supervisor @username\n• /role pegawai|pimpinan|piket|lapangan|satgas — reply to a member\n• /days Mon-Fri — working days\n• /holiday DD-MM-YYYY description — agency day off (national holidays are built in)\n• /periode DD-MM-YYYY DD-MM-YYYY — WFH period\n• /recap [DD-MM-YYYY] — daily recap\n• /office then share a location — office point; /radius M (office) or /radius rumah M (home), 10–5000 m\n• /piket Name, NIP… or reply to a member — today's duty roster",
    },
    "help.supervisor": {
        "id": "Sebagai atasan, Anda menerima rekap di chat ini setiap tenggat: jumlah per status dan nama yang belum mengirim lokasi. Pengajuan izin/cuti datang ke sini dengan tombol Setujui/Tolak. /rekap [DD-MM-YYYY] — rekap harian per jendela. Titik rumah pegawai juga datang ke sini untuk disetujui.\nTingkat lokasi di rekap: terverifikasi (lokasi live di dalam radius titik terdaftar, memperhitungkan akurasi GPS), lemah (statis atau tanpa akurasi), di luar (lebih jauh dari radius + akurasi), tanpa titik (belum ada titik yang disetujui). Tingkat hanya membandingkan lokasi yang dikirim ponsel; bukan bukti keberadaan.",
        "en": "As a supervisor you get a summary in this chat at every deadline: counts per status and the names of those who did not share a location. Leave requests arrive here with Approve/Reject buttons. /recap [DD-MM-YYYY] — the day's recap per window. Members' home points also come here for approval.\nLocation tiers in summaries: verified (a live location inside the registered point's radius, allowing for GPS accuracy), weak (static or without accuracy), outside (farther than radius + accuracy), no point (nothing approved to compare with). Tiers only compare what a phone sent; they prove nothing.",
    },
    "unknown.command": {
        "id": "Perintah tidak dikenal. Ketik /bantuan untuk daftar perintah.",
        "en": "Unknown command. Type /help for the list of commands.",
    },
    # operator messages (CLI)
    "check.ok": {
        "id": "Bot @{username} siap; dapat membaca pesan grup.",
        "en": "Bot @{username} is ready and can read group messages.",
    },
    "check.privacy": {
        "id": "PERINGATAN: mode privasi bot @{username} aktif — bot tidak melihat lokasi yang dikirim di grup. Perbaiki: @BotFather → /setprivacy → Disable (lalu keluarkan dan masukkan lagi bot ke grup), atau jadikan bot admin grup.",
        "en": "WARNING: privacy mode is on for @{username} — the bot cannot see locations shared in groups. Fix: @BotFather → /setprivacy → Disable (then remove and re-add the bot to groups), or make the bot a group admin.",
    },
}
