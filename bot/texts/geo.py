"""Location-check texts: home and office points, radii, tiers, red flags, piket."""

TEXTS: dict[str, dict[str, str]] = {
    # home point (/rumah, private)
    "points.unregistered": {
        "id": "Anda belum terdaftar. Daftar dulu di grup instansi: /daftar NIP Nama lengkap",
        "en": "You are not registered. Register in your agency group first: /register NIP Full name",
    },
    "points.home_ask": {
        "id": "🏠 Kirim lokasi rumah Anda dengan tombol di bawah (dalam {minutes} menit), saat Anda berada di rumah.\nTitik ini baru dipakai untuk memeriksa lokasi WFH setelah disetujui atasan.",
        "en": "🏠 Send your home location with the button below (within {minutes} minutes), while you are at home.\nThe point is used to check WFH locations only after a supervisor approves it.",
    },
    "points.home_button": {
        "id": "📍 Kirim lokasi rumah",
        "en": "📍 Send home location",
    },
    "points.home_private": {
        "id": "Titik rumah didaftarkan lewat chat pribadi dengan bot: buka chat dengan bot dan ketik /rumah.",
        "en": "Register your home point in a private chat with the bot: open it and type /home.",
    },
    "points.not_own": {
        "id": "Lokasi terusan (forward) atau tempat (venue) tidak bisa dipakai sebagai titik. Kirim lokasi Anda sendiri.",
        "en": "A forwarded location or a venue cannot be used as a point. Send your own location.",
    },
    "points.home_sent": {
        "id": "✅ Titik rumah terkirim ke atasan untuk disetujui. Anda akan diberi tahu hasilnya.",
        "en": "✅ Home point sent to your supervisors for approval. You will be told the outcome.",
    },
    "points.home_no_supervisor": {
        "id": "Titik rumah disimpan, tetapi instansi Anda belum punya atasan yang bisa menyetujuinya. Minta admin grup menunjuk atasan dengan /atasan.",
        "en": "Home point saved, but your agency has no supervisor to approve it yet. Ask the group admin to name one with /supervisor.",
    },
    "points.home_unreachable": {
        "id": "ℹ️ {count} atasan belum membuka chat dengan bot, jadi belum menerima permintaan ini.",
        "en": "ℹ️ {count} supervisor(s) have not started the bot and did not get this request.",
    },
    "points.approval": {
        "id": "🏠 Permintaan titik rumah\n{name} (NIP {nip}) — {agency}\nKoordinat: {coords} (akurasi {accuracy})\nPeta: {map}\nSetujui hanya bila titik ini memang rumahnya: lokasi WFH akan dibandingkan dengan titik ini (radius {radius} m).",
        "en": "🏠 Home point request\n{name} (NIP {nip}) — {agency}\nCoordinates: {coords} (accuracy {accuracy})\nMap: {map}\nApprove only if this is really their home: WFH locations will be compared with it (radius {radius} m).",
    },
    "points.approve": {"id": "✅ Setujui", "en": "✅ Approve"},
    "points.reject": {"id": "❌ Tolak", "en": "❌ Reject"},
    "points.outcome_approved": {
        "id": "✅ Disetujui oleh {by}.",
        "en": "✅ Approved by {by}.",
    },
    "points.outcome_rejected": {
        "id": "❌ Ditolak oleh {by}.",
        "en": "❌ Rejected by {by}.",
    },
    "points.outcome_replaced": {
        "id": "↩️ Diganti permintaan yang lebih baru.",
        "en": "↩️ Replaced by a newer request.",
    },
    "points.decision_done": {"id": "Tersimpan.", "en": "Saved."},
    "points.decision_gone": {
        "id": "Permintaan ini tidak ditemukan lagi.",
        "en": "This request no longer exists.",
    },
    "points.decision_not_supervisor": {
        "id": "Hanya atasan instansi ini yang dapat memutuskan.",
        "en": "Only this agency's supervisors can decide.",
    },
    "points.decision_already": {
        "id": "Sudah diputuskan oleh {by}.",
        "en": "Already decided by {by}.",
    },
    "points.decision_replaced": {
        "id": "Pegawai sudah mengirim titik yang lebih baru; permintaan ini tidak berlaku.",
        "en": "The member sent a newer point; this request no longer applies.",
    },
    "points.member_approved": {
        "id": "✅ Titik rumah Anda disetujui oleh {by}. Lokasi WFH Anda kini dibandingkan dengan titik ini (radius {radius} m).",
        "en": "✅ Your home point was approved by {by}. Your WFH locations are now compared with it (radius {radius} m).",
    },
    "points.member_rejected": {
        "id": "❌ Titik rumah Anda ditolak oleh {by}. Kirim ulang dari rumah dengan /rumah.",
        "en": "❌ Your home point was rejected by {by}. Send it again from home with /home.",
    },
    # office point and radii (group admins)
    "points.office_ask": {
        "id": "🏢 Kirim lokasi kantor sekarang (📎 → Lokasi) dalam {minutes} menit, atau balas pesan lokasi kantor dengan /kantor.",
        "en": "🏢 Send the office location now (📎 → Location) within {minutes} minutes, or reply to a message with the office location with /office.",
    },
    "points.office_set": {
        "id": "✅ Titik kantor {agency}: {coords}. Radius kantor {office} m, rumah {home} m.\nUbah: /radius M (kantor) atau /radius rumah M.",
        "en": "✅ Office point of {agency}: {coords}. Office radius {office} m, home {home} m.\nChange: /radius M (office) or /radius rumah M (home).",
    },
    "points.radius_usage": {
        "id": "Format: /radius M (kantor) atau /radius rumah M — M dalam meter, 10–5000. Contoh: /radius 100",
        "en": "Usage: /radius M (office) or /radius rumah M (home) — M in metres, 10–5000. Example: /radius 100",
    },
    "points.radius_set": {
        "id": "✅ Radius kantor {office} m, rumah {home} m.",
        "en": "✅ Office radius {office} m, home {home} m.",
    },
    "points.radius_show": {
        "id": "Titik kantor: {coords}. Radius kantor {office} m, rumah {home} m.\nUbah: /radius M atau /radius rumah M.",
        "en": "Office point: {coords}. Office radius {office} m, home {home} m.\nChange: /radius M or /radius rumah M.",
    },
    "points.radius_show_no_office": {
        "id": "Titik kantor belum diatur (admin: /kantor). Radius kantor {office} m, rumah {home} m.",
        "en": "No office point yet (admin: /office). Office radius {office} m, home {home} m.",
    },
    # what a tier means: never a claim that a location is proven
    "tier.terverifikasi": {
        "id": "terverifikasi: lokasi langsung (live) di dalam radius titik terdaftar, memperhitungkan akurasi GPS yang dilaporkan ponsel",
        "en": "verified: a live location inside the registered point's radius, allowing for the GPS accuracy the phone reported",
    },
    "tier.lemah": {
        "id": "lemah: di dalam radius, tetapi lokasi statis atau tanpa akurasi yang cukup — mudah dipalsukan",
        "en": "weak: inside the radius, but a static location or without usable accuracy — easy to fake",
    },
    "tier.di_luar": {
        "id": "di luar: lebih jauh dari radius + akurasi dari titik terdaftar",
        "en": "outside: farther than radius + accuracy from the registered point",
    },
    "tier.tanpa_titik": {
        "id": "tanpa titik: belum ada titik rumah/kantor yang disetujui untuk dibandingkan",
        "en": "no point: no approved home/office point to compare with yet",
    },
    "tier.disclaimer": {
        "id": "Tingkat ini hanya membandingkan lokasi yang dikirim ponsel dengan titik terdaftar; bukan bukti keberadaan.",
        "en": "These tiers only compare the location a phone sent with the registered point; they prove nothing.",
    },
    # red flags
    "flag.titik_sama_hari": {
        "id": "koordinat persis sama dengan kiriman hari lain ({other})",
        "en": "exactly the same coordinates as on another day ({other})",
    },
    "flag.titik_sama_pegawai": {
        "id": "koordinat persis sama dengan {other} di jendela yang sama",
        "en": "exactly the same coordinates as {other} in the same window",
    },
    "flag.lompatan": {
        "id": "berpindah {km} km dalam {minutes} menit (≈{speed_kmh} km/jam, lebih dari 150 km/jam)",
        "en": "moved {km} km in {minutes} minutes (≈{speed_kmh} km/h, over 150 km/h)",
    },
    "flag.di_luar": {
        "id": "di luar radius: {distance} dari titik terdaftar",
        "en": "outside the radius: {distance} from the registered point",
    },
    "summary.check_head": {
        "id": "⚠️ Perlu dicek (bukan bukti pelanggaran; mohon konfirmasi ke pegawai):",
        "en": "⚠️ Worth checking (not proof of wrongdoing; please confirm with the member):",
    },
    "summary.tiers": {
        "id": "Tingkat lokasi: terverifikasi {terverifikasi} · lemah {lemah} · di luar {di_luar} · tanpa titik {tanpa_titik}",
        "en": "Location tiers: verified {terverifikasi} · weak {lemah} · outside {di_luar} · no point {tanpa_titik}",
    },
    # piket
    "piket.usage": {
        "id": "Format: balas pesan anggota dengan /piket, atau /piket Nama atau NIP, dipisah koma.\nContoh: /piket Budi Santoso, 199001012015032001\nTanpa argumen: lihat piket hari ini.",
        "en": "Usage: reply to a member's message with /piket, or /piket Name or NIP, comma-separated.\nExample: /piket Budi Santoso, 199001012015032001\nWithout arguments: show today's duty roster.",
    },
    "piket.unknown": {
        "id": "Tidak dikenal: {names}. Tidak ada yang disimpan. Pakai nama lengkap atau NIP anggota yang sudah /daftar.",
        "en": "Unknown: {names}. Nothing was saved. Use the full name or NIP of registered members.",
    },
    "piket.ambiguous": {
        "id": "Lebih dari satu anggota cocok dengan: {names}. Tidak ada yang disimpan. Pakai NIP.",
        "en": "More than one member matches: {names}. Nothing was saved. Use the NIP.",
    },
    "piket.set": {
        "id": "✅ Piket {date}: {names} ({count} orang, minimum {minimum}).",
        "en": "✅ Duty roster {date}: {names} ({count} people, minimum {minimum}).",
    },
    "piket.show": {
        "id": "Piket {date}: {names} ({count} orang, minimum {minimum}).",
        "en": "Duty roster {date}: {names} ({count} people, minimum {minimum}).",
    },
    "piket.show_rotation": {
        "id": "Piket {date} (jadwal bergilir): {names} ({count} orang, minimum {minimum}).",
        "en": "Duty roster {date} (weekly rotation): {names} ({count} people, minimum {minimum}).",
    },
    "piket.empty": {
        "id": "Belum ada piket untuk {date} (minimum {minimum}). Admin: /piket Nama, Nama, …",
        "en": "No duty roster for {date} yet (minimum {minimum}). Admin: /piket Name, Name, …",
    },
    "piket.shortfall": {
        "id": "🚨 Piket kurang — {agency} ({code})\n{weekday}, {date} · jendela {window} {zone}\nHadir di kantor (dalam radius): {present} dari minimum {minimum}.",
        "en": "🚨 Duty roster short — {agency} ({code})\n{weekday}, {date} · window {window} {zone}\nAt the office (within the radius): {present} of the minimum {minimum}.",
    },
    "piket.shortfall_missing": {
        "id": "Belum tercatat di kantor:",
        "en": "Not recorded at the office:",
    },
    "piket.shortfall_no_office": {
        "id": "Titik kantor belum diatur (/kantor), jadi tidak ada yang bisa tercatat di kantor.",
        "en": "No office point is set (/office), so nobody can be recorded at the office.",
    },
    "piket.shortfall_roster": {
        "id": "Daftar piket hanya {count} orang; minimum {minimum}. Tambah dengan /piket.",
        "en": "The roster has only {count} people; the minimum is {minimum}. Add more with /piket.",
    },
}
