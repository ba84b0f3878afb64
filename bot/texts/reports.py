"""Report texts: BKD groups and links, the roll-up, its e-mail, /ekspor, /rekap's chart."""

TEXTS: dict[str, dict[str, str]] = {
    # BKD group set-up
    "bkd.setup_usage": {
        "id": "Format: /setup_bkd KODE Nama\nContoh: /setup_bkd BKDBANTEN BKD Provinsi Banten\n(KODE: 2–32 huruf/angka, tanpa spasi)",
        "en": "Usage: /setup_bkd CODE Name\nExample: /setup_bkd BKDBANTEN BKD Provinsi Banten\n(CODE: 2–32 letters/digits, no spaces)",
    },
    "bkd.is_agency": {
        "id": "Grup ini sudah terdaftar sebagai instansi. Buat grup terpisah untuk rekap BKD.",
        "en": "This group is already an agency group. Use a separate group for the BKD roll-up.",
    },
    "bkd.created": {
        "id": "✅ Grup ini menjadi grup rekap BKD: {name} ({code}).\nAdmin instansi menautkan grupnya dengan /induk {code}; admin grup ini menyetujuinya di sini.",
        "en": "✅ This group is now a BKD roll-up group: {name} ({code}).\nAgency admins link their group with /parent {code}; an admin of this group approves it here.",
    },
    "bkd.updated": {
        "id": "✅ Grup rekap BKD diperbarui: {name} ({code}).",
        "en": "✅ BKD roll-up group updated: {name} ({code}).",
    },
    "bkd.code_taken": {
        "id": "Kode {code} sudah dipakai grup BKD lain. Pilih kode lain.",
        "en": "Code {code} is already used by another BKD group. Choose another code.",
    },
    # linking an agency
    "bkd.link_usage": {
        "id": "Format: /induk KODE_BKD\nContoh: /induk BKDBANTEN",
        "en": "Usage: /parent BKD_CODE\nExample: /parent BKDBANTEN",
    },
    "bkd.unknown": {
        "id": "Tidak ada grup BKD dengan kode {code}. Periksa kodenya pada admin BKD.",
        "en": "There is no BKD group with code {code}. Check the code with the BKD admin.",
    },
    "bkd.link_already": {
        "id": "Instansi ini sudah tertaut ke {bkd} ({code}).",
        "en": "This agency is already linked to {bkd} ({code}).",
    },
    "bkd.link_requested": {
        "id": "⏳ Permintaan tautan ke {bkd} ({code}) terkirim. Menunggu persetujuan admin grup BKD.",
        "en": "⏳ Link request to {bkd} ({code}) sent. Waiting for an admin of the BKD group to approve.",
    },
    "bkd.link_unreachable": {
        "id": "Permintaan tidak dapat dikirim ke grup BKD (bot tidak ada di grup itu?). Coba lagi nanti.",
        "en": "The request could not be posted in the BKD group (is the bot still in it?). Try again later.",
    },
    "bkd.confirm": {
        "id": "🔗 {agency} ({code}) minta ditautkan ke rekap {bkd}.\nHanya admin grup ini yang dapat menyetujui.",
        "en": "🔗 {agency} ({code}) asks to be linked to the {bkd} roll-up.\nOnly an admin of this group can approve.",
    },
    "bkd.approve": {"id": "✅ Setujui", "en": "✅ Approve"},
    "bkd.refuse": {"id": "✖️ Tolak", "en": "✖️ Refuse"},
    "bkd.admin_only": {
        "id": "Hanya admin grup BKD ini yang dapat memutuskan.",
        "en": "Only an admin of this BKD group can decide.",
    },
    "bkd.link_gone": {
        "id": "Permintaan ini sudah tidak berlaku.",
        "en": "This request is no longer valid.",
    },
    "bkd.link_decided": {
        "id": "Permintaan ini sudah diputuskan.",
        "en": "This request has already been decided.",
    },
    "bkd.link_confirmed": {
        "id": "✅ {agency} ({code}) tertaut ke rekap {bkd}.",
        "en": "✅ {agency} ({code}) is linked to the {bkd} roll-up.",
    },
    "bkd.link_refused": {
        "id": "✖️ Permintaan {agency} ({code}) ditolak.",
        "en": "✖️ The request of {agency} ({code}) was refused.",
    },
    "bkd.link_confirmed_agency": {
        "id": "✅ Instansi ini sekarang tertaut ke {bkd}: rekap setiap jendela dikirim ke sana.",
        "en": "✅ This agency is now linked to {bkd}: each window's roll-up goes there.",
    },
    "bkd.link_refused_agency": {
        "id": "✖️ Admin {bkd} menolak permintaan tautan instansi ini.",
        "en": "✖️ An admin of {bkd} refused this agency's link request.",
    },
    "bkd.decided_by": {"id": "— {name}", "en": "— {name}"},
    # the roll-up
    "rollup.head": {
        "id": "📊 Rekap {bkd} ({code})\n{weekday}, {date} · jendela {window}\n{count} instansi",
        "en": "📊 Roll-up {bkd} ({code})\n{weekday}, {date} · window {window}\n{count} agencies",
    },
    "rollup.col.code": {"id": "Instansi", "en": "Agency"},
    "rollup.col.expected": {"id": "Hrp", "en": "Exp"},
    "rollup.col.hadir": {"id": "H", "en": "OT"},
    "rollup.col.terlambat": {"id": "T", "en": "L"},
    "rollup.col.missing": {"id": "TM", "en": "NR"},
    "rollup.col.leave": {"id": "Izn", "en": "Lv"},
    "rollup.col.pending": {"id": "Mng", "en": "Pnd"},
    "rollup.col.unlinked": {"id": "BT", "en": "NL"},
    "rollup.col.flags": {"id": "Tnd", "en": "Flg"},
    "rollup.col.piket": {"id": "Pkt", "en": "Duty"},
    "rollup.total": {"id": "Total", "en": "Total"},
    "rollup.legend": {
        "id": "Hrp diharapkan · H hadir · T terlambat · TM tidak merespons · Izn izin/sakit/cuti/dinas",
        "en": "Exp expected · OT on time · L late · NR no response · Lv leave/sick/trip",
    },
    "rollup.legend.pending": {
        "id": "Mng izin menunggu keputusan atasan",
        "en": "Pnd leave waiting for a supervisor's decision",
    },
    "rollup.legend.unlinked": {
        "id": "BT belum terhubung (ada di daftar, belum /daftar)",
        "en": "NL not linked yet (on the roster, not registered)",
    },
    "rollup.legend.flags": {"id": "Tnd tanda merah", "en": "Flg red flags"},
    "rollup.legend.piket": {
        "id": "Pkt piket hadir di kantor/minimum",
        "en": "Duty officers present at the office/minimum",
    },
    "rollup.rate": {
        "id": "Kehadiran: {rate} ({answered} dari {expected})",
        "en": "Attendance: {rate} ({answered} of {expected})",
    },
    "rollup.piket_short": {
        "id": "⚠️ Piket kurang dari minimum: {names}",
        "en": "⚠️ Duty roster short of its minimum: {names}",
    },
    "rollup.idle": {
        "id": "Tanpa jendela ini (libur, dijeda atau jadwal lain): {names}",
        "en": "Without this window (day off, paused or another schedule): {names}",
    },
    "rollup.empty": {
        "id": "Belum ada instansi tertaut yang memiliki jendela ini.",
        "en": "No linked agency has this window.",
    },
    "rollup.attached": {
        "id": "📎 Rincian per instansi dalam file XLSX.",
        "en": "📎 Per-agency details in the XLSX file.",
    },
    "rollup.file_caption": {
        "id": "📎 Rekap {code} {date} {window}",
        "en": "📎 Roll-up {code} {date} {window}",
    },
    # its e-mail copy
    "rollup.email_subject": {
        "id": "Rekap kehadiran {bkd} — {weekday}, {date} jendela {window}",
        "en": "Attendance roll-up {bkd} — {weekday}, {date} window {window}",
    },
    "rollup.email_intro": {
        "id": "Yth. {bkd},\n\nBerikut rekap kehadiran kerja dari rumah jendela {window} ({weekday}, {date}). File XLSX terlampir.\n",
        "en": "Dear {bkd},\n\nHere is the work-from-home attendance roll-up of window {window} ({weekday}, {date}). The XLSX file is attached.\n",
    },
    "rollup.email_footer": {
        "id": "\n— Hadir (pesan otomatis)",
        "en": "\n— Hadir (automatic message)",
    },
    "rollup.email_failed": {
        "id": "⚠️ Rekap jendela {window} ({date}) tidak dapat dikirim lewat e-mail ke {recipients} setelah {attempts} kali mencoba: {error}\nRekap dan file XLSX tetap tersedia di grup ini.",
        "en": "⚠️ The roll-up of window {window} ({date}) could not be e-mailed to {recipients} after {attempts} attempts: {error}\nThe roll-up and its XLSX file are still in this group.",
    },
    # /ekspor
    "export.usage": {
        "id": "Format: /ekspor [BB-TTTT], mis. /ekspor 03-2020 (tanpa argumen: bulan ini)",
        "en": "Usage: /export [MM-YYYY], e.g. /export 03-2020 (no argument: this month)",
    },
    "export.denied": {
        "id": "Maaf, ekspor hanya untuk atasan atau admin instansi ini (atau admin grup BKD).",
        "en": "Sorry, exports are for this agency's supervisors and admins (or BKD group admins).",
    },
    "export.nothing": {
        "id": "Tidak ada instansi untuk diekspor: grup ini belum terdaftar, atau Anda bukan atasan instansi mana pun.",
        "en": "Nothing to export: this group is not registered, or you supervise no agency.",
    },
    "export.no_agencies": {
        "id": "Belum ada instansi yang tertaut ke grup BKD ini (/induk).",
        "en": "No agency is linked to this BKD group yet (/parent).",
    },
    "export.sent_privately": {
        "id": "📎 File ekspor dikirim ke chat pribadi Anda.",
        "en": "📎 The export was sent to you in a private chat.",
    },
    "export.start_bot": {
        "id": "File ekspor tidak dapat dikirim ke chat pribadi Anda. Buka chat dengan bot ini, tekan /start, lalu ulangi /ekspor.",
        "en": "The export could not be sent to you privately. Open a chat with this bot, press /start, then /export again.",
    },
    "export.caption": {
        "id": "📎 Kehadiran {name} ({code}), {month}",
        "en": "📎 Attendance {name} ({code}), {month}",
    },
    # summaries: the roster members who have not linked an account yet
    "summary.unlinked": {
        "id": "Belum terhubung ({count}, belum /daftar): {names}",
        "en": "Not linked yet ({count}, no /register yet): {names}",
    },
    # roster import (hadir import)
    "roster.row": {"id": "baris {line}: {message}", "en": "row {line}: {message}"},
    "roster.empty": {"id": "file kosong", "en": "the file is empty"},
    "roster.unknown_column": {
        "id": "kolom tidak dikenal: {column} (kolom: NIP, nama, peran, atasan, telegram_username, phone)",
        "en": "unknown column: {column} (columns: NIP, nama, peran, atasan, telegram_username, phone)",
    },
    "roster.duplicate_column": {
        "id": "kolom {column} muncul dua kali",
        "en": "column {column} appears twice",
    },
    "roster.missing_column": {"id": "kolom {column} tidak ada", "en": "column {column} is missing"},
    "roster.nip_format": {
        "id": "NIP harus 18 angka, tertulis: {value!r}",
        "en": "a NIP has 18 digits, found: {value!r}",
    },
    "roster.nip_number": {
        "id": "NIP tersimpan sebagai angka ({value}); Excel hanya menyimpan 15 digit. Format kolom NIP sebagai Teks dan ketik ulang.",
        "en": "the NIP is stored as a number ({value}); Excel keeps only 15 digits. Format the NIP column as Text and type it again.",
    },
    "roster.bad_name": {
        "id": "nama kosong atau lebih dari 200 huruf",
        "en": "the name is empty or longer than 200 characters",
    },
    "roster.bad_role": {
        "id": "peran {value!r} tidak dikenal (pilih: {roles})",
        "en": "unknown role {value!r} (one of: {roles})",
    },
    "roster.bad_supervisor": {
        "id": "atasan harus ya atau tidak, tertulis: {value!r}",
        "en": "atasan must be yes or no, found: {value!r}",
    },
    "roster.bad_username": {
        "id": "username Telegram tidak valid: {value!r}",
        "en": "not a Telegram username: {value!r}",
    },
    "roster.bad_phone": {
        "id": "nomor telepon tidak valid: {value!r} (mis. 0812-3456-7890 atau +6281234567890)",
        "en": "not a phone number: {value!r} (e.g. 0812-3456-7890 or +6281234567890)",
    },
    "roster.duplicate_nip": {
        "id": "NIP {value} sudah ada di baris {first}",
        "en": "NIP {value} is already on row {first}",
    },
    "roster.duplicate_username": {
        "id": "username {value} sudah ada di baris {first}",
        "en": "username {value} is already on row {first}",
    },
    "roster.duplicate_phone": {
        "id": "nomor {value} sudah ada di baris {first}",
        "en": "phone {value} is already on row {first}",
    },
    "roster.phone_taken": {
        "id": "nomor {value} sudah dipakai pegawai lain di instansi ini",
        "en": "phone {value} already belongs to another member of this agency",
    },
    "roster.refused": {
        "id": "Tidak ada yang diimpor: {count} kesalahan. Perbaiki file, atau ulangi dengan --skip-invalid untuk melewati baris yang salah.",
        "en": "Nothing imported: {count} errors. Fix the file, or run again with --skip-invalid to skip the bad rows.",
    },
    "roster.done": {
        "id": "{code}: {created} baru, {updated} diperbarui, {unchanged} tetap, {supervisors} atasan ditambahkan, {skipped} baris dilewati.",
        "en": "{code}: {created} new, {updated} updated, {unchanged} unchanged, {supervisors} supervisors added, {skipped} rows skipped.",
    },
    # /rekap's chart
    "recap.chart_caption": {
        "id": "📈 Tingkat kehadiran per jendela, {date}",
        "en": "📈 Attendance rate per window, {date}",
    },
}
