"""Marsad's exceptions: one tree, each with a stable code.

::

    MarsadError                 (code "E000")
     ├── InputError             bad input the caller can fix
     │    ├── EmptyInput        E101  empty or whitespace-only text
     │    ├── BinaryInput       E102  bytes that are not text in any encoding we detect
     │    ├── InputTooLarge     E103  larger than the configured limit
     │    ├── BadJSONLine       E104  a batch line that is not a JSON object
     │    ├── BadField          E105  a batch field of the wrong type or format
     │    └── UnreadableFile    E106  a path that cannot be opened
     ├── PipelineError          E201  a pipeline misconfiguration (missing stage inputs)
     ├── KBFileError            E210  a user KB file that cannot be read   (entities/kb.py)
     ├── StoreError             E301  a store that cannot be opened        (store/base.py)
     ├── Unsupported            E302  no reader for an input's format      (store/ingest.py)
     │   (ingest summaries)     E303  an object the store could not write
     ├── SourceError            E400–E408  web sources: robots.txt, private address, size,
     │                                content type, redirects, HTTP, network, WARC/feed
     │                                (sources/errors.py)
     └── InternalError          E900  a bug on one batch item; the batch goes on (batch.py)

Subclasses live beside the code that raises them; this tree is their index.

The CLI prints ``code: message`` and the batch writer emits ``{"id", "error": {"code",
"message"}}``; codes never change meaning, messages may improve.
"""

from __future__ import annotations


class MarsadError(Exception):
    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(MarsadError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class InputTooLarge(InputError):
    code = "E103"


class BadJSONLine(InputError):
    code = "E104"


class BadField(InputError):
    code = "E105"


class UnreadableFile(InputError):
    code = "E106"


class PipelineError(MarsadError):
    code = "E201"
