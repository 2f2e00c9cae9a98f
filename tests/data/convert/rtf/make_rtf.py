"""Write blinken-cho-excerpt.rtf: an excerpt of corpus_raw/000 saved as RTF by LibreOffice.

The paragraphs are lines 1-5 and 14-16 of the transcript, each label (``MODERATOR:``)
in a bold span, as a word processor user would type it; LibreOffice Writer
(``soffice --headless --convert-to rtf``) writes the RTF. Run from the repository root:

    python tests/data/convert/rtf/make_rtf.py
"""
import subprocess
import tempfile
from pathlib import Path

from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import P, Span

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[3] / "corpus_raw" / "000_state-blinken-cho-seoul-2025.txt"
LINES = (1, 2, 3, 4, 5, 14, 15, 16)


def main() -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    doc = OpenDocumentText()
    bold = Style(name="Label", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    for n in LINES:
        line = lines[n - 1]
        label, sep, rest = line.partition(": ")
        p = P()
        if sep and label.isupper():
            p.addElement(Span(stylename=bold, text=label + ":"))
            p.addText(" " + rest)
        else:
            p.addText(line)
        doc.text.addElement(p)
    with tempfile.TemporaryDirectory() as tmp:
        odt = Path(tmp) / "blinken-cho-excerpt.odt"
        doc.save(str(odt))
        subprocess.run(["soffice", "--headless", "--convert-to", "rtf", "--outdir", str(HERE),
                        str(odt)], check=True, capture_output=True)


if __name__ == "__main__":
    main()
