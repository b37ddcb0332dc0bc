"""PLOVER 2.0 event coding with evidence spans, and the GDELT-like event table.

>>> from marsad.events import code_events
>>> [e.type for e in code_events("تظاهر آلاف في العاصمة.")]
['PROTEST']
"""

from marsad.events.coder import EntityRef, Event, code_events
from marsad.events.export import TSV_COLUMNS, EventsTSV, event_rows
from marsad.events.lexicon import TYPES
from marsad.events.stage import EventsStage, entity_refs, event_dict

__all__ = [
    "TSV_COLUMNS",
    "TYPES",
    "EntityRef",
    "Event",
    "EventsStage",
    "EventsTSV",
    "code_events",
    "entity_refs",
    "event_dict",
    "event_rows",
]
