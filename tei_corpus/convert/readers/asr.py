"""Cloud speech recognisers' JSON: word lists into the segment records the JSON reader reads.

Amazon Transcribe and Deepgram give a transcript as a list of timed words
(with punctuation as items of its own, or attached to the word) and the
speaker of each word when diarisation was asked for. Here the words become
records like Whisper's segments (``{"text", "start", "end", "speaker",
"words"}``): a new record at each change of speaker and after each sentence,
the words joined as the recogniser prints them (a space before a word, none
before punctuation), so no word is lost or added.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.?!…。？！]$")


def asr_records(doc: dict) -> tuple[list[dict], str] | None:
    """Return (records, kind) for an Amazon Transcribe or Deepgram result, else None."""
    results = doc.get("results")
    if not isinstance(results, dict):
        return None
    if isinstance(results.get("audio_segments"), list) and results["audio_segments"]:
        return _aws_audio_segments(results["audio_segments"]), "audio_segments"
    if isinstance(results.get("items"), list):
        return records_from_words(_aws_words(results)), "items"
    channels = results.get("channels")
    if isinstance(channels, list) and channels and isinstance(channels[0], dict):
        alternatives = channels[0].get("alternatives") or [{}]
        words = alternatives[0].get("words") if isinstance(alternatives[0], dict) else None
        if isinstance(words, list):
            return records_from_words(_deepgram_words(words)), "words"
    return None


def _aws_audio_segments(segments: list) -> list[dict]:
    """Amazon Transcribe's own segments (newer outputs): one record each."""
    return [{"text": s.get("transcript"), "start": s.get("start_time"), "end": s.get("end_time"),
             "speaker": s.get("speaker_label"), "find": s.get("transcript")}
            for s in segments if isinstance(s, dict)]


def _aws_words(results: dict) -> list[tuple]:
    """(text, start, end, speaker, punctuation) of each item of an Amazon Transcribe result.

    The speaker is the item's ``speaker_label``, else the one of the
    ``speaker_labels`` segment whose items start at its time.
    """
    speaker_at = {}
    labels = results.get("speaker_labels")
    for seg in labels.get("segments", []) if isinstance(labels, dict) else []:
        for it in seg.get("items", []) if isinstance(seg, dict) else []:
            if isinstance(it, dict) and it.get("start_time") is not None:
                speaker_at[str(it["start_time"])] = it.get("speaker_label") or seg.get("speaker_label")
    words = []
    for it in results["items"]:
        alternatives = it.get("alternatives") if isinstance(it, dict) else None
        if not alternatives or not isinstance(alternatives[0], dict):
            continue
        content = alternatives[0].get("content")
        if not isinstance(content, str) or not content:
            continue
        start = it.get("start_time")
        speaker = it.get("speaker_label") or speaker_at.get(str(start))
        words.append((content, start, it.get("end_time"), speaker, it.get("type") == "punctuation"))
    return words


def _deepgram_words(words: list) -> list[tuple]:
    """(text, start, end, speaker, False) of each Deepgram word, as punctuated when it says."""
    out = []
    for w in words:
        if not isinstance(w, dict):
            continue
        text = w.get("punctuated_word") or w.get("word")
        if isinstance(text, str) and text:
            speaker = w.get("speaker")
            out.append((text, w.get("start"), w.get("end"),
                        None if speaker is None else f"Speaker {speaker}", False))
    return out


def records_from_words(words: list[tuple]) -> list[dict]:
    """Group timed words into records: a new one at a change of speaker and after a sentence."""
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
