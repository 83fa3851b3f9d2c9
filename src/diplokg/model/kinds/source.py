"""A source: the article or archive that facts come from."""

from __future__ import annotations

from diplokg.model.fields import IRI, Field, date, names, text
from diplokg.model.kind import Kind
from diplokg.model.kinds.common import DATE_SHAPE_FIX, ID_FIELD, NOTE, label
from diplokg.namespaces import DK

SOURCE = Kind(
    "source", DK.Source, section="sources", example="cnn-2024-06-putin-pyongyang",
    common=False, label="source", shape_prefix="Source",
    fields=(
        ID_FIELD,
        label("title"),
        text("publisher", DK.publisher, required=True, description="Who published this copy.",
             message="needs exactly one publisher",
             fix="set `publisher:` to who published this copy; use `original_publisher:` for "
             "who first published it"),
        text("original_publisher", DK.originalPublisher,
             description="Who first published the text, when it is a republication."),
        names("authors", DK.author),
        names("contributors", DK.contributor),
        Field("url", IRI, DK.url, schema={"pattern": '^https?://[^\\s<>"{}|\\\\^`]+$'},
              hint="a URL starts with http:// or https:// and has no spaces",
              message="has more than one URL, or a URL that is not an IRI",
              fix="give one `url:` starting with http:// or https://"),
        date("published", DK.publicationDate,
             message="published must be one date of year, month or day precision",
             fix=DATE_SHAPE_FIX),
        text("language", DK.language, schema={"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]+)*$"}),
        text("text", DK.textPath, description="Path of the source text, relative to the fact "
             "file. Evidence quotes are checked against it."),
        NOTE,
    ),
)
