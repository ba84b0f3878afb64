"""Attendance-rule texts: statuses, summaries, reminders, roles, leave, calendar, /lapor, /rekap."""

_CUTI_USAGE_ID = (
    "Format: /cuti DD-MM[-YYYY] [DD-MM[-YYYY]] [alasan]\nContoh: /cuti 20-03 24-03 mudik Lebaran"
)
_CUTI_USAGE_EN = (
    "Usage: /cuti DD-MM[-YYYY] [DD-MM[-YYYY]] [reason]\nExample: /cuti 20-03 24-03 family visit"
)
_HOLIDAY_USAGE_ID = "Format: /libur DD-MM-YYYY keterangan, mis. /libur 26-03-2026 Cuti bersama daerah\nHapus: /libur hapus DD-MM-YYYY · Daftar: /libur"
_HOLIDAY_USAGE_EN = "Usage: /holiday DD-MM-YYYY description, e.g. /holiday 26-03-2026 Regional day off\nRemove: /holiday hapus DD-MM-YYYY · List: /holiday"
_PERIOD_USAGE_ID = (
    "Format: /periode DD-MM-YYYY DD-MM-YYYY (awal dan akhir masa WFH) · Hapus: /periode hapus"
)
_PERIOD_USAGE_EN = "Usage: /periode DD-MM-YYYY DD-MM-YYYY (first and last day of the WFH period) · Remove: /periode hapus"
_ROLE_USAGE_ID = "Balas pesan anggota dengan /peran pegawai|pimpinan|piket|lapangan|satgas"
_ROLE_USAGE_EN = "Reply to a member's message with /role pegawai|pimpinan|piket|lapangan|satgas"

TEXTS: dict[str, dict[str, str]] = {
    # statuses (summary and recap labels)
    "status.hadir": {"id": "hadir", "en": "on time"},
    "status.terlambat": {"id": "terlambat", "en": "late"},
    "status.tidak_merespons": {"id": "tidak merespons", "en": "no response"},
    "status.izin_menunggu": {"id": "izin (menunggu)", "en": "leave (pending)"},
    "status.izin": {"id": "izin", "en": "permission"},
    "status.sakit": {"id": "sakit", "en": "sick"},
    "status.cuti": {"id": "cuti", "en": "on leave"},
    "status.dinas": {"id": "dinas", "en": "official trip"},
    "status.dikecualikan": {"id": "dikecualikan", "en": "exempt"},
    "summary.no_activity_report": {
        "id": "📝 Pimpinan belum mengirim /lapor kegiatan: {names}",
        "en": "📝 Leaders without an activity /report: {names}",
    },
    # reminders (the mentions follow the head line)
    "reminder.head": {
        "id": "⏰ Pengingat jendela {window} {zone}: tenggat pukul {deadline} {zone}. Belum mengirim lokasi:",
        "en": "⏰ Reminder for the {window} {zone} window: the deadline is {deadline} {zone}. No location yet from:",
    },
    # roles
    "role.usage": {
        "id": _ROLE_USAGE_ID
        + "\npegawai: WFH, dicek terhadap titik rumah · piket: dicek terhadap titik kantor · lapangan: WFF, dicatat tanpa dicek · pimpinan: tanpa lokasi, wajib /lapor · satgas: tanpa lokasi",
        "en": _ROLE_USAGE_EN
        + "\npegawai: WFH, checked against home · piket: checked against the office · lapangan: field work, recorded not checked · pimpinan: no location, must /report · satgas: no location",
    },
    "role.unknown": {
        "id": 'Peran "{given}" tidak dikenal.\n' + _ROLE_USAGE_ID,
        "en": 'Unknown role "{given}".\n' + _ROLE_USAGE_EN,
    },
    "role.unknown_suggest": {
        "id": 'Peran "{given}" tidak dikenal. Maksud Anda /peran {suggestion}?\n' + _ROLE_USAGE_ID,
        "en": 'Unknown role "{given}". Did you mean /role {suggestion}?\n' + _ROLE_USAGE_EN,
    },
    "role.not_member": {
        "id": "Yang dibalas belum terdaftar di instansi ini (/daftar NIP Nama lengkap).",
        "en": "That person is not registered in this agency (/register NIP Full name).",
    },
    "role.show": {
        "id": "{name}: peran {role}.",
        "en": "{name}: role {role}.",
    },
    "role.set.pegawai": {
        "id": "✅ {name}: pegawai (WFH) — lokasi dicek terhadap titik rumah.",
        "en": "✅ {name}: pegawai (WFH) — location checked against the home point.",
    },
    "role.set.piket": {
        "id": "✅ {name}: piket — lokasi dicek terhadap titik kantor.",
        "en": "✅ {name}: piket (duty officer) — location checked against the office point.",
    },
    "role.set.lapangan": {
        "id": "✅ {name}: lapangan (WFF) — lokasi dicatat tanpa dicek.",
        "en": "✅ {name}: lapangan (field work) — location recorded, not checked.",
    },
    "role.set.pimpinan": {
        "id": "✅ {name}: pimpinan — dikecualikan dari lokasi; wajib /lapor kegiatan paling lambat jendela terakhir.",
        "en": "✅ {name}: pimpinan (leader) — exempt from location; must /report the day's activity by the last window.",
    },
    "role.set.satgas": {
        "id": "✅ {name}: satgas — dikecualikan dari lokasi.",
        "en": "✅ {name}: satgas (task force) — exempt from location.",
    },
    # members writing from a chat
    "member.unregistered": {
        "id": "Anda belum terdaftar. Daftar di grup instansi: /daftar NIP Nama lengkap",
        "en": "You are not registered. Register in your agency group: /register NIP Full name",
    },
    "member.paused": {
        "id": "Absensi instansi Anda sedang dihentikan sementara.",
        "en": "Attendance for your agency is paused.",
    },
    # activity reports
    "activity.usage": {
        "id": "Format: /lapor uraian kegiatan hari ini (paling banyak {max} karakter)\nContoh: /lapor Rapat koordinasi anggaran; menyusun laporan triwulan",
        "en": "Usage: /report today's activity (at most {max} characters)\nExample: /report Budget coordination meeting; drafted the quarterly report",
    },
    "activity.saved": {
        "id": "✅ Laporan kegiatan {date} dicatat.",
        "en": "✅ Activity report for {date} recorded.",
    },
    "activity.updated": {
        "id": "✅ Laporan kegiatan {date} diperbarui (yang lama diganti).",
        "en": "✅ Activity report for {date} updated (the earlier one is replaced).",
    },
    # leave: requests
    "leave.usage.izin": {
        "id": "Format: /izin alasan (untuk hari ini)\nContoh: /izin mengantar orang tua berobat",
        "en": "Usage: /izin reason (for today)\nExample: /izin taking a parent to the doctor",
    },
    "leave.usage.sakit": {
        "id": "Format: /sakit keterangan (untuk hari ini)\nContoh: /sakit demam, surat dokter menyusul",
        "en": "Usage: /sakit details (for today)\nExample: /sakit fever, doctor's note to follow",
    },
    "leave.usage.dinas": {
        "id": "Format: /dinas tujuan dan keperluan (untuk hari ini)\nContoh: /dinas rapat di Kantor Gubernur Banten",
        "en": "Usage: /dinas destination and purpose (for today)\nExample: /dinas meeting at the Governor's office",
    },
    "leave.usage.cuti": {"id": _CUTI_USAGE_ID, "en": _CUTI_USAGE_EN},
    "leave.bad_date": {
        "id": 'Tanggal "{given}" tidak ada di kalender.\n' + _CUTI_USAGE_ID,
        "en": 'There is no date "{given}".\n' + _CUTI_USAGE_EN,
    },
    "leave.reversed": {
        "id": "Tanggal akhir {end} lebih awal dari tanggal mulai {start}.\n" + _CUTI_USAGE_ID,
        "en": "The last day {end} is before the first day {start}.\n" + _CUTI_USAGE_EN,
    },
    "leave.past": {
        "id": "Cuti tidak bisa dimulai sebelum hari ini ({today}).\n" + _CUTI_USAGE_ID,
        "en": "Leave cannot start before today ({today}).\n" + _CUTI_USAGE_EN,
    },
    "leave.too_long": {
        "id": "Satu pengajuan cuti paling lama {max} hari.\n" + _CUTI_USAGE_ID,
        "en": "One leave request covers at most {max} days.\n" + _CUTI_USAGE_EN,
    },
    "leave.no_working_day": {
        "id": "Tidak ada hari kerja pada {range} (akhir pekan atau libur): tidak perlu mengajukan.",
        "en": "There is no working day in {range} (weekend or holiday): nothing to request.",
    },
    "leave.overlap.pending": {
        "id": "Sudah ada pengajuan yang menunggu keputusan untuk {range}. Satu hari hanya bisa diajukan sekali.",
        "en": "A request for {range} is already waiting for a decision. A day can be requested only once.",
    },
    "leave.overlap.approved": {
        "id": "Sudah ada pengajuan yang disetujui untuk {range}. Satu hari hanya bisa diajukan sekali.",
        "en": "A request for {range} is already approved. A day can be requested only once.",
    },
    "leave.no_supervisor": {
        "id": "Instansi ini belum punya atasan yang dapat memutuskan. Minta admin grup menetapkan /atasan. Pengajuan tidak disimpan.",
        "en": "This agency has no supervisor to decide yet. Ask a group admin to set one with /supervisor. Nothing was saved.",
    },
    "leave.filed.izin": {
        "id": "📝 Pengajuan izin {range} ({days} hari kerja) dicatat dan dikirim ke {supervisors} atasan. Status: izin (menunggu); Anda akan diberi tahu keputusannya.",
        "en": "📝 Your permission request for {range} ({days} working days) is recorded and sent to {supervisors} supervisor(s). Status: pending; you will be told the decision.",
    },
    "leave.filed.sakit": {
        "id": "📝 Pengajuan sakit {range} ({days} hari kerja) dicatat dan dikirim ke {supervisors} atasan. Status: izin (menunggu); Anda akan diberi tahu keputusannya.",
        "en": "📝 Your sick leave request for {range} ({days} working days) is recorded and sent to {supervisors} supervisor(s). Status: pending; you will be told the decision.",
    },
    "leave.filed.cuti": {
        "id": "📝 Pengajuan cuti {range} ({days} hari kerja) dicatat dan dikirim ke {supervisors} atasan. Status: izin (menunggu); Anda akan diberi tahu keputusannya.",
        "en": "📝 Your leave request for {range} ({days} working days) is recorded and sent to {supervisors} supervisor(s). Status: pending; you will be told the decision.",
    },
    "leave.filed.dinas": {
        "id": "📝 Pengajuan dinas luar {range} ({days} hari kerja) dicatat dan dikirim ke {supervisors} atasan. Status: izin (menunggu); Anda akan diberi tahu keputusannya.",
        "en": "📝 Your official trip request for {range} ({days} working days) is recorded and sent to {supervisors} supervisor(s). Status: pending; you will be told the decision.",
    },
    "leave.kind.izin": {"id": "izin", "en": "permission"},
    "leave.kind.sakit": {"id": "sakit", "en": "sick leave"},
    "leave.kind.cuti": {"id": "cuti", "en": "leave"},
    "leave.kind.dinas": {"id": "dinas luar", "en": "official trip"},
    # leave: what supervisors see, and press
    "leave.request": {
        "id": "📝 Pengajuan {kind} — {agency}\n{name} (NIP {nip})\nTanggal: {range} ({days} hari kerja)\nAlasan: {reason}",
        "en": "📝 {kind} request — {agency}\n{name} (NIP {nip})\nDates: {range} ({days} working days)\nReason: {reason}",
    },
    "leave.request.ask_start": {
        "id": "ℹ️ {names}: pengajuan ini tidak bisa dikirim ke chat pribadi Anda. Buka chat dengan bot ini dan tekan /start.",
        "en": "ℹ️ {names}: this request could not be sent to you privately. Open a chat with this bot and press /start.",
    },
    "leave.button.approve": {"id": "✅ Setujui", "en": "✅ Approve"},
    "leave.button.reject": {"id": "❌ Tolak", "en": "❌ Reject"},
    "leave.decided.approved": {
        "id": "✅ Disetujui oleh {decider}, {at} {zone}.",
        "en": "✅ Approved by {decider}, {at} {zone}.",
    },
    "leave.decided.rejected": {
        "id": "❌ Ditolak oleh {decider}, {at} {zone}.",
        "en": "❌ Rejected by {decider}, {at} {zone}.",
    },
    "leave.answer.approved": {"id": "Disetujui ✅", "en": "Approved ✅"},
    "leave.answer.rejected": {"id": "Ditolak ❌", "en": "Rejected ❌"},
    "leave.answer.already": {
        "id": "Pengajuan ini sudah diputuskan oleh {decider}. Keputusan kedua tidak dicatat.",
        "en": "This request was already decided by {decider}. A second decision is not recorded.",
    },
    "leave.answer.not_supervisor": {
        "id": "Hanya atasan instansi ini yang dapat memutuskan pengajuan ini.",
        "en": "Only a supervisor of this agency can decide this request.",
    },
    "leave.answer.missing": {
        "id": "Pengajuan ini tidak ditemukan lagi.",
        "en": "This request no longer exists.",
    },
    # leave: what the member is told
    "leave.outcome.approved": {
        "id": "✅ Pengajuan {kind} Anda untuk {range} disetujui oleh {decider}.",
        "en": "✅ Your {kind} request for {range} was approved by {decider}.",
    },
    "leave.outcome.rejected": {
        "id": "❌ Pengajuan {kind} Anda untuk {range} ditolak oleh {decider}. Bagikan lokasi seperti biasa saat jendela dibuka.",
        "en": "❌ Your {kind} request for {range} was rejected by {decider}. Share your location as usual when a window opens.",
    },
    "leave.outcome_group.approved": {
        "id": "✅ {name}: pengajuan {kind} untuk {range} disetujui oleh {decider}. (Tekan /start di chat pribadi dengan bot agar pemberitahuan berikutnya sampai langsung.)",
        "en": "✅ {name}: the {kind} request for {range} was approved by {decider}. (Press /start in a private chat with the bot to be told directly next time.)",
    },
    "leave.outcome_group.rejected": {
        "id": "❌ {name}: pengajuan {kind} untuk {range} ditolak oleh {decider}. (Tekan /start di chat pribadi dengan bot agar pemberitahuan berikutnya sampai langsung.)",
        "en": "❌ {name}: the {kind} request for {range} was rejected by {decider}. (Press /start in a private chat with the bot to be told directly next time.)",
    },
    # calendar
    "days.usage": {
        "id": "Format: /hari Sen-Jum (atau: /hari Sen, Rab, Jum · /hari Sen-Sab)",
        "en": "Usage: /days Mon-Fri (or: /days Mon, Wed, Fri · /days Sen-Sab)",
    },
    "days.set": {
        "id": "✅ Hari kerja: {days}. Libur nasional dan cuti bersama tetap libur.",
        "en": "✅ Working days: {days}. National holidays and cuti bersama stay days off.",
    },
    "days.show": {
        "id": "Hari kerja {name}: {days}. Ubah: /hari Sen-Jum",
        "en": "{name} working days: {days}. Change: /days Mon-Fri",
    },
    "holiday.usage": {"id": _HOLIDAY_USAGE_ID, "en": _HOLIDAY_USAGE_EN},
    "holiday.bad_date": {
        "id": 'Tanggal "{given}" tidak ada di kalender.\n' + _HOLIDAY_USAGE_ID,
        "en": 'There is no date "{given}".\n' + _HOLIDAY_USAGE_EN,
    },
    "holiday.added": {
        "id": "✅ {date} libur instansi: {note}. Tidak ada laporan kehadiran hari itu.",
        "en": "✅ {date} is an agency day off: {note}. No attendance reports that day.",
    },
    "holiday.national": {
        "id": "{date} sudah libur nasional: {note}. Tidak perlu ditambahkan.",
        "en": "{date} is already a national holiday: {note}. Nothing to add.",
    },
    "holiday.removed": {
        "id": "✅ {date} bukan lagi libur instansi.",
        "en": "✅ {date} is no longer an agency day off.",
    },
    "holiday.not_found": {
        "id": "{date} bukan libur instansi; tidak ada yang dihapus.",
        "en": "{date} is not an agency day off; nothing removed.",
    },
    "holiday.list": {
        "id": "Hari libur {days} hari ke depan (🇮🇩 nasional/cuti bersama, 🏢 instansi):\n{items}",
        "en": "Days off in the next {days} days (🇮🇩 national/cuti bersama, 🏢 agency):\n{items}",
    },
    "holiday.list_empty": {
        "id": "Tidak ada hari libur dalam {days} hari ke depan.",
        "en": "No days off in the next {days} days.",
    },
    "period.usage": {"id": _PERIOD_USAGE_ID, "en": _PERIOD_USAGE_EN},
    "period.bad_date": {
        "id": 'Tanggal "{given}" tidak ada di kalender.\n' + _PERIOD_USAGE_ID,
        "en": 'There is no date "{given}".\n' + _PERIOD_USAGE_EN,
    },
    "period.reversed": {
        "id": "Tanggal akhir {end} lebih awal dari tanggal mulai {start}.\n" + _PERIOD_USAGE_ID,
        "en": "The last day {end} is before the first day {start}.\n" + _PERIOD_USAGE_EN,
    },
    "period.set": {
        "id": "✅ Masa WFH: {range}. Di luar rentang ini tidak ada laporan kehadiran.",
        "en": "✅ WFH period: {range}. Outside it there are no attendance reports.",
    },
    "period.show": {
        "id": "Masa WFH: {range}. Ubah: /periode DD-MM-YYYY DD-MM-YYYY · Hapus: /periode hapus",
        "en": "WFH period: {range}. Change: /periode DD-MM-YYYY DD-MM-YYYY · Remove: /periode hapus",
    },
    "period.none": {
        "id": "Belum ada masa WFH: laporan berjalan setiap hari kerja. Atur: /periode DD-MM-YYYY DD-MM-YYYY",
        "en": "No WFH period set: reports run on every working day. Set one: /periode DD-MM-YYYY DD-MM-YYYY",
    },
    "period.cleared": {
        "id": "✅ Masa WFH dihapus: laporan berjalan setiap hari kerja.",
        "en": "✅ WFH period removed: reports run on every working day.",
    },
    "location.day_off": {
        "id": "Hari ini libur; tidak ada laporan kehadiran.",
        "en": "Today is a day off; there is no attendance report.",
    },
    "off.weekend": {"id": "bukan hari kerja", "en": "not a working day"},
    "off.national": {"id": "libur nasional: {note}", "en": "national holiday: {note}"},
    "off.agency": {"id": "libur instansi: {note}", "en": "agency day off: {note}"},
    "off.outside_period": {"id": "di luar masa WFH", "en": "outside the WFH period"},
    # recap
    "recap.usage": {
        "id": "Format: /rekap [DD-MM-YYYY] (tanpa tanggal: hari ini)",
        "en": "Usage: /recap [DD-MM-YYYY] (no date: today)",
    },
    "recap.bad_date": {
        "id": 'Tanggal "{given}" tidak ada di kalender.\nFormat: /rekap [DD-MM-YYYY] (tanpa tanggal: hari ini)',
        "en": 'There is no date "{given}".\nUsage: /recap [DD-MM-YYYY] (no date: today)',
    },
    "recap.forbidden": {
        "id": "Rekap hanya untuk atasan dan admin grup instansi.",
        "en": "The recap is for supervisors and agency group admins only.",
    },
    "recap.head": {
        "id": "📊 Rekap harian {agency} ({code})\n{weekday}, {date}",
        "en": "📊 Daily recap {agency} ({code})\n{weekday}, {date}",
    },
    "recap.day_off": {"id": "Libur — {reason}.", "en": "Day off — {reason}."},
    "recap.future": {"id": "Tanggal ini belum tiba.", "en": "This date has not come yet."},
    "recap.not_open": {
        "id": "🕘 {window} {zone} · belum dibuka",
        "en": "🕘 {window} {zone} · not open yet",
    },
    "recap.window": {
        "id": "🕘 {window} {zone} · {counts}",
        "en": "🕘 {window} {zone} · {counts}",
    },
    "recap.running": {
        "id": "   (masih berjalan, tenggat {deadline} {zone})",
        "en": "   (still open, deadline {deadline} {zone})",
    },
    "recap.activity_done": {
        "id": "📝 Pimpinan sudah /lapor: {names}",
        "en": "📝 Leaders who sent /report: {names}",
    },
}
