"""POST /api/chat: one user message in, the bot's replies out."""

import asyncio
import logging
import re
import time
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, field_validator

from api.danger_lexicon import mentions_danger
from api.fixed_replies import fixed_replies
from api.language import detect_language
from api.rasa_client import BotReply, RasaClient, RasaUnavailable
from api.rate_limit import client_ip
from api.settings import get_settings

logger = logging.getLogger(__name__)

router = APIRouter()

# C0 and C1 control characters except tab and newline, which are folded into spaces, and lone
# UTF-16 surrogates (valid as JSON escapes, but text holding them cannot be encoded as UTF-8).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
WHITESPACE = re.compile(r"\s+")


class ChatRequest(BaseModel):
    """One user message; the session id is a random UUID kept by the browser tab."""

    session_id: uuid.UUID | None = None
    message: str

    @field_validator("session_id")
    @classmethod
    def require_random_uuid(cls, value: uuid.UUID | None) -> uuid.UUID | None:
        if value is not None and value.version != 4:
            raise ValueError("session_id must be a random (version 4) UUID")
        return value


class Button(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    text: str
    buttons: list[Button] = Field(default_factory=list)


class ChatResponse(BaseModel):
    """The bot's replies, what it now waits for, and whether this is an emergency reply."""

    session_id: uuid.UUID
    messages: list[ChatMessage]
    expecting: str | None = None
    urgent: bool = False
    # True when this reply gave the referral (the services and the guidance).
    referral: bool = False


def get_rasa_client(request: Request) -> RasaClient:
    return request.app.state.rasa_client


RasaClientDep = Annotated[RasaClient, Depends(get_rasa_client)]


def clean_message(text: str) -> str:
    """Remove control characters and squeeze white space."""
    return WHITESPACE.sub(" ", CONTROL_CHARACTERS.sub(" ", text)).strip()


def single_reply(session_id: uuid.UUID, text: str, urgent: bool = False) -> ChatResponse:
    return ChatResponse(session_id=session_id, messages=[ChatMessage(text=text)], urgent=urgent)


def with_emergency_first(reply: BotReply) -> BotReply:
    """Put the gateway's 911 message first when the lexicon saw a danger the bot did not."""
    if reply.urgent:
        return reply
    emergency = {"text": fixed_replies().emergency, "buttons": []}
    return BotReply(
        messages=[emergency, *reply.messages],
        expecting=reply.expecting,
        urgent=True,
        referral=reply.referral,
    )


@router.post("/api/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, rasa: RasaClientDep, request: Request) -> ChatResponse:
    request.app.state.rate_limiter.check(client_ip(request), body.session_id)
    session_id = body.session_id or uuid.uuid4()
    replies = fixed_replies()
    text = clean_message(body.message)
    limit = get_settings().max_message_chars

    if not text:
        return single_reply(session_id, replies.message_empty)
    if len(text) > limit:
        logger.info("message rejected session=%s reason=too_long chars=%d", session_id, len(text))
        return single_reply(
            session_id, replies.message_too_long.format(length=len(text), limit=limit)
        )

    danger = mentions_danger(text)
    language = detect_language(text)
    metadata = {"language": language} if language else {}

    started = time.perf_counter()
    actions_check = asyncio.create_task(request.app.state.action_server_check.is_up())
    try:
        reply = await rasa.send(str(session_id), text, metadata)
    except RasaUnavailable:
        actions_check.cancel()
        logger.error("degraded reply session=%s reason=rasa_unavailable", session_id)
        return single_reply(session_id, replies.degraded, urgent=danger)

    # Without the action server, Rasa's reply is a fallback that hides the outage. An action
    # that raises while the server is up sends {"degraded": true} instead (actions/failures.py).
    if not await actions_check:
        logger.error("degraded reply session=%s reason=action_server_unavailable", session_id)
        return single_reply(session_id, replies.degraded, urgent=danger)

    if danger:
        reply = with_emergency_first(reply)
    if not reply.messages:
        logger.error("degraded reply session=%s reason=empty_bot_reply", session_id)
        return single_reply(session_id, replies.degraded, urgent=danger)
    if reply.degraded:
        # What the failed action sent before failing (911 first, for one) stays in front.
        logger.error("degraded reply session=%s reason=action_failed", session_id)
        messages = [ChatMessage(**message) for message in reply.messages]
        messages.append(ChatMessage(text=replies.degraded))
        return ChatResponse(session_id=session_id, messages=messages, urgent=reply.urgent or danger)

    logger.info(
        "chat turn session=%s replies=%d urgent=%s expecting=%s lexicon_danger=%s ms=%.0f",
        session_id,
        len(reply.messages),
        reply.urgent,
        reply.expecting,
        danger,
        (time.perf_counter() - started) * 1000,
    )
    return ChatResponse(
        session_id=session_id,
        messages=[ChatMessage(**message) for message in reply.messages],
        expecting=reply.expecting,
        urgent=reply.urgent,
        referral=reply.referral,
    )
