"""Discord's limits on messages and application commands, answered as 400 code 50035 errors."""

from __future__ import annotations

import re
from typing import Any

JSON = dict[str, Any]


class ApiError(Exception):
    """An error reply: HTTP status plus Discord's JSON body {message, code[, errors]}."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.body: JSON = {"message": message, "code": code}
        if errors:
            self.body["errors"] = errors


def _err(code: str, message: str) -> JSON:
    return {"_errors": [{"code": code, "message": message}]}


def _max_len(limit: int) -> JSON:
    return _err("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _required() -> JSON:
    return _err("BASE_TYPE_REQUIRED", "This field is required")


def invalid_form(errors: JSON) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _embed_errors(embed: JSON) -> tuple[JSON, int]:
    """Errors for one embed, and its character count toward the 6000 total."""
    errors: JSON = {}
    total = 0
    for key, limit in (("title", 256), ("description", 4096)):
        text = _text(embed.get(key))
        total += len(text)
        if len(text) > limit:
            errors[key] = _max_len(limit)
    for key, limit in (("footer", 2048), ("author", 256)):
        part = embed.get(key) or {}
        text = _text(part.get("text" if key == "footer" else "name"))
        total += len(text)
        if len(text) > limit:
            errors[key] = {("text" if key == "footer" else "name"): _max_len(limit)}
    # A link's URL is not counted toward the total, but Discord refuses one over 2,048.
    if len(_text(embed.get("url"))) > 2048:
        errors["url"] = _max_len(2048)
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors["fields"] = _max_len(25)
    field_errors: JSON = {}
    for index, fld in enumerate(fields):
        one: JSON = {}
        for key, limit in (("name", 256), ("value", 1024)):
            text = _text(fld.get(key))
            total += len(text)
            if not text.strip():
                one[key] = _required()
            elif len(text) > limit:
                one[key] = _max_len(limit)
        if one:
            field_errors[str(index)] = one
    if field_errors and "fields" not in errors:
        errors["fields"] = field_errors
    return errors, total


# Discord's limits on a message's components: action rows, buttons in a row, custom ids and
# labels (https://discord.com/developers/docs/components/reference).
MAX_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_CUSTOM_ID = 100
MAX_LABEL = 80
LINK_STYLE = 5


def _button_errors(button: JSON, seen: set[str]) -> JSON:
    one: JSON = {}
    custom_id = button.get("custom_id")
    label = button.get("label")
    if label is not None and len(_text(label)) > MAX_LABEL:
        one["label"] = _max_len(MAX_LABEL)
    if int(button.get("style") or 0) == LINK_STYLE:
        if not button.get("url"):
            one["url"] = _err("BUTTON_COMPONENT_URL_REQUIRED", "A link button needs a url.")
        if custom_id is not None:
            one["custom_id"] = _err("BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN",
                                    "A link button cannot have a custom id.")
        return one
    if button.get("url") is not None:
        one["url"] = _err("BUTTON_COMPONENT_URL_FORBIDDEN", "Only a link button has a url.")
    if not custom_id:
        one["custom_id"] = _err("BUTTON_COMPONENT_CUSTOM_ID_REQUIRED",
                                "A non-link button needs a custom id.")
    elif len(_text(custom_id)) > MAX_CUSTOM_ID:
        one["custom_id"] = _max_len(MAX_CUSTOM_ID)
    elif custom_id in seen:
        one["custom_id"] = _err("COMPONENT_CUSTOM_ID_DUPLICATED",
                                "Component custom id cannot be duplicated")
    else:
        seen.add(custom_id)
    return one


def component_errors(components: Any) -> JSON:
    """Violations in a message's `components` (action rows of buttons), Discord's nesting."""
    if not isinstance(components, list):
        return _err("BASE_TYPE_ARRAY", "Must be an array.")
    if len(components) > MAX_ROWS:
        return _max_len(MAX_ROWS)
    errors: JSON = {}
    seen: set[str] = set()
    for r, row in enumerate(components):
        if int(row.get("type") or 0) != 1:
            errors[str(r)] = {"type": _err("UNION_TYPE_CHOICES",
                                           "A top-level component must be an action row.")}
            continue
        children = row.get("components") or []
        if not children:
            errors[str(r)] = {"components": _err("BASE_TYPE_MIN_LENGTH",
                                                 "Must be 1 or more in length.")}
            continue
        if len(children) > MAX_BUTTONS_PER_ROW:
            errors[str(r)] = {"components": _max_len(MAX_BUTTONS_PER_ROW)}
            continue
        row_errors: JSON = {}
        for b, child in enumerate(children):
            if int(child.get("type") or 0) != 2:
                # Only buttons are modelled; selects take a whole row on Discord.
                if len(children) > 1:
                    row_errors[str(b)] = {"type": _err(
                        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "A select menu needs a row of its own.")}
                continue
            if one := _button_errors(child, seen):
                row_errors[str(b)] = one
        if row_errors:
            errors[str(r)] = {"components": row_errors}
    return errors


def message_errors(body: JSON) -> JSON:
    """Limit violations in a create/edit message body, in Discord's nested error format."""
    errors: JSON = {}
    content = body.get("content")
    if content is not None and len(str(content)) > 2000:
        errors["content"] = _max_len(2000)
    if body.get("components") is not None and (bad := component_errors(body["components"])):
        errors["components"] = bad
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = _max_len(10)
        return errors
    embed_errors: JSON = {}
    total = 0
    for index, embed in enumerate(embeds):
        one, size = _embed_errors(embed)
        total += size
        if one:
            embed_errors[str(index)] = one
    if embed_errors:
        errors["embeds"] = embed_errors
    elif total > 6000:
        errors["embeds"] = _err(
            "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"
        )
    return errors


def check_message(body: JSON, *, enforce: bool, allow_empty: bool = False, files: int = 0) -> None:
    """Raise ApiError as Discord would for an over-limit (400/50035) or empty (50006) message."""
    if enforce:
        errors = message_errors(body)
        if errors:
            raise invalid_form(errors)
    if allow_empty:
        return
    keys = ("content", "embeds", "components", "sticker_ids", "poll", "attachments")
    if not files and not any(body.get(key) for key in keys):
        raise ApiError(400, 50006, "Cannot send an empty message")


_CHAT_NAME = re.compile(r"^[-_'\w\u0900-\u097F\u0E00-\u0E7F]{1,32}$")


def _name_errors(name: Any, *, chat_input: bool) -> JSON | None:
    text = _text(name)
    if not 1 <= len(text) <= 32:
        return _err("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
    if chat_input and (not _CHAT_NAME.match(text) or text != text.lower()):
        return _err("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    return None


def _description_errors(description: Any) -> JSON | None:
    if not 1 <= len(_text(description)) <= 100:
        return _err("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    return None


def _option_errors(options: list[JSON]) -> JSON:
    errors: JSON = {}
    if len(options) > 25:
        return _max_len(25)
    for index, option in enumerate(options):
        one: JSON = {}
        if (bad := _name_errors(option.get("name"), chat_input=True)) is not None:
            one["name"] = bad
        if (bad := _description_errors(option.get("description"))) is not None:
            one["description"] = bad
        choices = option.get("choices") or []
        if len(choices) > 25:
            one["choices"] = _max_len(25)
        if option.get("options") and (nested := _option_errors(option["options"])):
            one["options"] = nested
        if one:
            errors[str(index)] = one
    return errors


def command_errors(commands: Any) -> JSON:
    """Violations in a bulk-overwrite body (list of command dicts), keyed by list index."""
    if not isinstance(commands, list):
        return _err("BASE_TYPE_ARRAY", "Must be an array.")
    errors: JSON = {}
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        one: JSON = {}
        kind = int(command.get("type", 1))
        chat_input = kind == 1
        if (bad := _name_errors(command.get("name"), chat_input=chat_input)) is not None:
            one["name"] = bad
        if chat_input and (bad := _description_errors(command.get("description"))) is not None:
            one["description"] = bad
        if not chat_input and command.get("description"):
            one["description"] = _err("APPLICATION_COMMAND_DESCRIPTION", "Must be empty.")
        if nested := _option_errors(command.get("options") or []):
            one["options"] = nested
        key = (kind, _text(command.get("name")))
        if key in seen:
            one["name"] = _err(
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique: {key[1]}",
            )
        seen.add(key)
        if one:
            errors[str(index)] = one
    return errors
