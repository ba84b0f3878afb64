"""WhatsApp on the official Cloud API: webhook in, Graph API out, one to one.

Why a thin httpx client rather than pywa: Hadir needs five things from the Cloud
API — send a template, an interactive location request, a text and a reaction, and
read the webhook. That is one endpoint (POST /{phone_number_id}/messages) and one
JSON shape in, both small and stable (Meta's versioned Graph API). Owning that code
keeps what matters here in our hands and in plain sight: the per-number and per-user
pacing, which errors are retried (429, 130429, 131056, 5xx) and which never are (a
request that may have reached Meta: a prompt must not arrive twice), the 24-hour
session rules, and idempotency by message id. pywa would bring its own webhook
server integration, handler registry and retry behaviour to adapt around, a second
HTTP stack beside aiohttp/httpx, and a dependency that tracks Meta's frequent API
changes on its own schedule. With httpx, a configurable API base (``[whatsapp]
api_base``) points the same client at a fake Graph API in tests, or at a proxy.

Modules: ``client`` (HTTP, retries), ``limiter`` (throughput and pair-rate pacing),
``messages`` (request bodies), ``updates`` (webhook bodies), ``webhook`` (the aiohttp
app: verification and signatures), ``inbound`` (messages into handler calls),
``sender`` and ``outbound`` (replies and the outbox), ``transport`` (the wiring).
Never an unofficial WhatsApp Web client: those get numbers banned.
"""
