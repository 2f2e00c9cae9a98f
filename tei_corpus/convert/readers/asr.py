"""Cloud speech recognisers' JSON: their words and phrases into the segment records the
JSON reader reads.

Each recogniser is told apart by its keys:

* Amazon Transcribe: ``results.items`` (or ``results.audio_segments``);
* Deepgram: ``results.channels[0].alternatives[0].words``;
* AssemblyAI: top-level ``utterances`` (or null), ``words`` and ``text``, times in
  milliseconds;
* Rev.ai: ``monologues[].elements[]`` (``text`` and ``punct`` elements, the
  spaces between words elements of their own);
* Speechmatics: ``results[]`` of ``type`` word, punctuation or entity, the word in
  ``alternatives[0].content``;
* Google Cloud Speech-to-Text: ``results[].alternatives[0]`` with ``transcript``
  and ``words`` (times as ``"1.300s"`` or ``{"seconds", "nanos"}``); with
  diarisation the last result holds every word again, with its ``speakerTag``, and
  only it is read; a long-running operation's ``response`` is read the same;
* IBM Watson: ``results[].alternatives[0].timestamps`` (``[word, from, to]``) and
  ``speaker_labels[]`` (``from``, ``speaker``);
* Azure Speech batch transcription: ``recognizedPhrases[]`` (``nBest[0].display``,
  times in ticks of 100 ns).

Timed words become records like Whisper's segments (``{"text", "start", "end",
"speaker", "words"}``): a new record at each change of speaker and after each
sentence, the words joined as the recogniser prints them (a space before a word,
none before punctuation), so no word is lost or added. A recogniser's own phrases
(AssemblyAI's utterances, Azure's phrases, Amazon's audio segments) are a record
each, their text as printed.

Speakers: a speaker the recogniser names with a string is labelled as it prints
it (``spk_0``, ``S1``, ``A``); one it numbers is ``Speaker N``, as Deepgram's are
(``Speaker 0``); a value listed in ``_columns.toml`` ``[placeholders]``
(Speechmatics' ``UU``) and Google's ``speakerTag`` 0 (none assigned) are no speaker.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.?!…。？！]$")
_ISO_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")
_TICKS_PER_SECOND = 10_000_000
_MS = 1000


def asr_records(doc) -> tuple[list[dict], str] | None:
    """Return (records, kind) for a cloud recogniser's result, else None."""
    if not isinstance(doc, dict):
        return None
    doc = _operation_response(doc)
    for read in (_aws_or_deepgram, _assemblyai, _revai, _speechmatics, _watson, _google,
                 _azure):
        found = read(doc)
        if found is not None:
            return found
    return None


# --- shared steps ------------------------------------------------------------


def speaker_label(value) -> str | None:
    """The label of a recogniser's speaker: a number as ``Speaker N``, a string as printed."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return f"Speaker {int(value) if float(value).is_integer() else value}"
    label = str(value).strip()
    from .records import is_placeholder

    return label if label and not is_placeholder(label) else None


def _scaled(value, per_second: float):
    """A number of milliseconds or ticks in seconds; anything else as it is (checked later)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / per_second
    return value


def _duration(value):
    """Seconds of a protobuf duration: ``"1.300s"``, ``{"seconds": "1", "nanos": 3e8}``,
    or an ISO 8601 ``PT1.3S``; anything else as it is (checked later)."""
    if isinstance(value, dict):
        try:
            return float(value.get("seconds") or 0) + float(value.get("nanos") or 0) / 1e9
        except (TypeError, ValueError):
            return value
    if isinstance(value, str):
        text = value.strip()
        iso = _ISO_DURATION.match(text)
        if iso and text != "PT":
            h, m, s = (float(g or 0) for g in iso.groups())
            return h * 3600 + m * 60 + s
        if text.endswith("s") and text[:-1].replace(".", "", 1).isdigit():
            return float(text[:-1])
    return value


def _first(value) -> dict:
    """The first of a list of alternatives (the recogniser's best), or an empty dict."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return {}


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def records_from_words(words: list[tuple]) -> list[dict]:
    """Group timed words into records: a new one at a change of speaker and after a sentence.

    Each word is ``(text, start, end, speaker, punctuation)``; punctuation is
    attached to the word before it, without a space.
    """
    records: list[dict] = []
    cur = None
    for text, start, end, speaker, punctuation in words:
        if punctuation and cur is not None:
            cur["text"] += text
            if _SENTENCE_END.search(text):
                cur = None
            continue
        if cur is None or speaker != cur["speaker"]:
            cur = {"text": "", "start": start, "end": end, "speaker": speaker, "words": [],
                   "find": text}
            records.append(cur)
        cur["text"] += (" " if cur["text"] else "") + text
        cur["end"] = end if end is not None else cur["end"]
        cur["words"].append({"word": text, "start": start, "end": end})
        if _SENTENCE_END.search(text):
            cur = None
    return records


def _operation_response(doc: dict) -> dict:
    """A long-running operation's result (Google's ``{"name", "done", "response"}``)."""
    response = doc.get("response")
    if isinstance(response, dict) and ("done" in doc or "name" in doc) \
            and isinstance(response.get("results"), list):
        return response
    return doc


# --- Amazon Transcribe, Deepgram ---------------------------------------------


def _aws_or_deepgram(doc: dict) -> tuple[list[dict], str] | None:
    results = doc.get("results")
    if not isinstance(results, dict):
        return None
    if isinstance(results.get("audio_segments"), list) and results["audio_segments"]:
        return _aws_audio_segments(results["audio_segments"]), "audio_segments"
    if isinstance(results.get("items"), list):
        return records_from_words(_aws_words(results)), "items"
    channels = results.get("channels")
    if isinstance(channels, list) and channels and isinstance(channels[0], dict):
        words = _first(channels[0].get("alternatives")).get("words")
        if isinstance(words, list):
            return records_from_words(_deepgram_words(words)), "words"
    return None


def _aws_audio_segments(segments: list) -> list[dict]:
    """Amazon Transcribe's own segments (newer outputs): one record each."""
    return [{"text": s.get("transcript"), "start": s.get("start_time"), "end": s.get("end_time"),
             "speaker": s.get("speaker_label"), "find": s.get("transcript")}
            for s in _dicts(segments)]


def _aws_words(results: dict) -> list[tuple]:
    """(text, start, end, speaker, punctuation) of each item of an Amazon Transcribe result.

    The speaker is the item's ``speaker_label``, else the one of the
    ``speaker_labels`` segment whose items start at its time.
    """
    speaker_at = {}
    labels = results.get("speaker_labels")
    for seg in _dicts(labels.get("segments")) if isinstance(labels, dict) else []:
        for it in _dicts(seg.get("items")):
            if it.get("start_time") is not None:
                speaker_at[str(it["start_time"])] = it.get("speaker_label") or seg.get("speaker_label")
    words = []
    for it in _dicts(results["items"]):
        content = _first(it.get("alternatives")).get("content")
        if not isinstance(content, str) or not content:
            continue
        start = it.get("start_time")
        speaker = it.get("speaker_label") or speaker_at.get(str(start))
        words.append((content, start, it.get("end_time"), speaker, it.get("type") == "punctuation"))
    return words


def _deepgram_words(words: list) -> list[tuple]:
    """(text, start, end, speaker, False) of each Deepgram word, as punctuated when it says."""
    out = []
    for w in _dicts(words):
        text = w.get("punctuated_word") or w.get("word")
        if isinstance(text, str) and text:
            out.append((text, w.get("start"), w.get("end"), speaker_label(w.get("speaker")), False))
    return out


# --- AssemblyAI ----------------------------------------------------------------


def _assemblyai(doc: dict) -> tuple[list[dict], str] | None:
    """AssemblyAI: its utterances when diarised, else its words, else its text (ms)."""
    if not ("utterances" in doc and "words" in doc and "text" in doc):
        return None
    utterances, words = doc["utterances"], doc["words"]
    if not (utterances is None or isinstance(utterances, list)) or \
            not (words is None or isinstance(words, list)):
        return None
    if utterances:
        return [_assemblyai_utterance(u) for u in _dicts(utterances)], "utterances"
    if words:
        return records_from_words(_assemblyai_words(words)), "words"
    text = doc["text"]
    return ([{"text": text}] if isinstance(text, str) and text.strip() else []), "text"


def _assemblyai_words(words: list) -> list[tuple]:
    """(text, start, end, speaker, False) of each AssemblyAI word, its times in seconds."""
    return [(w["text"], _scaled(w.get("start"), _MS), _scaled(w.get("end"), _MS),
             speaker_label(w.get("speaker")), False)
            for w in _dicts(words) if isinstance(w.get("text"), str) and w["text"]]


def _assemblyai_utterance(u: dict) -> dict:
    """An utterance as a record: its text as printed, its and its words' times in seconds."""
    words = [{"word": w.get("text"), "start": _scaled(w.get("start"), _MS),
              "end": _scaled(w.get("end"), _MS)} for w in _dicts(u.get("words"))]
    return {"text": u.get("text"), "start": _scaled(u.get("start"), _MS),
            "end": _scaled(u.get("end"), _MS), "speaker": speaker_label(u.get("speaker")),
            "words": words}


# --- Rev.ai ----------------------------------------------------------------------


def _revai(doc: dict) -> tuple[list[dict], str] | None:
    """Rev.ai: each monologue's elements, the speaker its name or its number."""
    monologues = doc.get("monologues")
    if not isinstance(monologues, list):
        return None
    words = []
    for mono in _dicts(monologues):
        info = mono.get("speaker_info")
        name = mono.get("speaker_name") or (info.get("display_name") if isinstance(info, dict)
                                            else None)
        speaker = speaker_label(name) or speaker_label(mono.get("speaker"))
        for el in _dicts(mono.get("elements")):
            value = el.get("value")
            if not isinstance(value, str) or not value.strip():
                continue        # the spaces between words: the join puts them back
            punct = el.get("type") == "punct"
            words.append((value.strip() if punct else value, el.get("ts"), el.get("end_ts"),
                          speaker, punct))
    return records_from_words(words), "monologues"


# --- Speechmatics ------------------------------------------------------------------

_SPEECHMATICS_TYPES = {"word": False, "entity": False, "punctuation": True}


def _speechmatics(doc: dict) -> tuple[list[dict], str] | None:
    """Speechmatics: words, entities (their written form) and punctuation, in order."""
    results = doc.get("results")
    if not isinstance(results, list) or not results or \
            not all(isinstance(r, dict) and "type" in r for r in results):
        return None
    words = []
    for r in results:
        best = _first(r.get("alternatives"))
        content = best.get("content")
        if r["type"] in _SPEECHMATICS_TYPES and isinstance(content, str) and content:
            words.append((content, r.get("start_time"), r.get("end_time"),
                          speaker_label(best.get("speaker")), _SPEECHMATICS_TYPES[r["type"]]))
    return records_from_words(words), "results"


# --- IBM Watson --------------------------------------------------------------------


def _watson(doc: dict) -> tuple[list[dict], str] | None:
    """IBM Watson: the best alternative's timestamps, speakers from ``speaker_labels``."""
    results = doc.get("results")
    if not isinstance(results, list) or not any(
            "timestamps" in _first(r.get("alternatives")) for r in _dicts(results)):
        return None
    finals = [r for r in _dicts(results) if r.get("final") is not False] or _dicts(results)
    labels = _dicts(doc.get("speaker_labels"))
    words = []
    for r in finals:
        for stamp in _first(r.get("alternatives")).get("timestamps") or ():
            if isinstance(stamp, list) and len(stamp) == 3 and isinstance(stamp[0], str):
                word, start, end = stamp
                words.append((word, start, end, _watson_speaker(labels, start), False))
    return records_from_words(words), "results"


def _watson_speaker(labels: list[dict], start) -> str | None:
    """The speaker of the label starting at a word's start, else of the one around it."""
    exact = next((lab for lab in labels if lab.get("from") == start), None)
    if exact is None and isinstance(start, (int, float)):
        exact = next((lab for lab in labels if isinstance(lab.get("from"), (int, float))
                      and isinstance(lab.get("to"), (int, float))
                      and lab["from"] <= start < lab["to"]), None)
    return speaker_label(exact.get("speaker")) if exact else None


# --- Google Cloud Speech-to-Text ----------------------------------------------------


def _google(doc: dict) -> tuple[list[dict], str] | None:
    """Google: each result's best words; with diarisation, only the last result's."""
    results = doc.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results) or \
            not any(isinstance(r.get("alternatives"), list) for r in results):
        return None     # a result may have no alternatives (silence at the end): none read
    best = [_first(r.get("alternatives")) for r in results]
    if not any(isinstance(b.get("words"), list) and b["words"] for b in best):
        return [{"text": b.get("transcript"), "end": _duration(r.get("resultEndTime")),
                 "find": b.get("transcript")}
                for r, b in zip(results, best) if "transcript" in b], "results"
    tagged = [b for b in best if any(_google_speaker(w) for w in _dicts(b.get("words")))]
    chosen = tagged[-1:] if tagged else best     # the last result holds every word again
    words = [(w.get("word"), _duration(w.get("startTime", w.get("startOffset"))),
              _duration(w.get("endTime", w.get("endOffset"))), _google_speaker(w), False)
             for b in chosen for w in _dicts(b.get("words"))
             if isinstance(w.get("word"), str) and w["word"]]
    return records_from_words(words), "results"


def _google_speaker(word: dict) -> str | None:
    tag = word.get("speakerTag", word.get("speakerLabel"))
    if isinstance(tag, str) and tag.strip().isdigit():
        tag = int(tag)                  # v2 writes the number as a string
    return None if tag == 0 else speaker_label(tag)


# --- Azure Speech batch transcription ---------------------------------------------


def _azure(doc: dict) -> tuple[list[dict], str] | None:
    """Azure: a record per recognised phrase, its best display text and its words' times."""
    phrases = doc.get("recognizedPhrases")
    if not isinstance(phrases, list):
        return None
    phrases = _dicts(phrases)
    channels = {p.get("channel") for p in phrases}
    if len(channels) > 1:       # a stereo file's channels, each in order: one time line
        phrases = sorted(phrases, key=_azure_offset)
    return [_azure_phrase(p, len(channels) > 1) for p in phrases], "recognizedPhrases"


def _azure_time(item: dict, which: str):
    """An offset or a duration in seconds, from its ticks or else its ISO 8601 form."""
    ticks = item.get(f"{which}InTicks")
    return _scaled(ticks, _TICKS_PER_SECOND) if ticks is not None else _duration(item.get(which))


def _azure_offset(phrase: dict) -> float:
    start = _azure_time(phrase, "offset")
    return start if isinstance(start, (int, float)) else 0.0


def _azure_end(item: dict):
    """The end of a phrase or word: its offset plus its duration (a bad value as it is)."""
    ticks = item.get("offsetInTicks"), item.get("durationInTicks")
    if all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in ticks):
        return _scaled(ticks[0] + ticks[1], _TICKS_PER_SECOND)    # no rounding error
    start, length = _azure_time(item, "offset"), _azure_time(item, "duration")
    if isinstance(start, (int, float)) and isinstance(length, (int, float)):
        return start + length
    return length


def _azure_phrase(phrase: dict, by_channel: bool) -> dict:
    best = _first(phrase.get("nBest"))
    text = next((best[k] for k in ("display", "itn", "lexical") if isinstance(best.get(k), str)),
                None)
    speaker = speaker_label(phrase.get("speaker"))
    if speaker is None and by_channel and phrase.get("channel") is not None:
        speaker = f"Channel {phrase['channel']}"
    shown = _dicts(best.get("displayWords")) or _dicts(best.get("words"))
    words = [{"word": w.get("displayText", w.get("word")), "start": _azure_time(w, "offset"),
              "end": _azure_end(w)} for w in shown]
    # The phrase is found in the file by its offset: its text is in the combined phrases too.
    find = phrase["offset"] if isinstance(phrase.get("offset"), str) else text
    return {"text": text, "start": _azure_time(phrase, "offset"), "end": _azure_end(phrase),
            "speaker": speaker, "words": words, "find": find}
