"""Where each part of the skill keeps its state in the session attributes.

The stored names are kept as they were first written, so sessions and records saved by
earlier versions still load.
"""

CONVERSATION_KEY = "nl"  # the symptom conversation (`skill.dialog.state.SessionState`)
STRETCH_KEY = "stretch"  # the guided stretch's routine state
MEMORY_KEY = "memory"  # memory's session facts; also the key of the persistent record

# The guided stretch's stored stage names: the coach writes them, memory reads them to see
# where a routine was left. A routine in an active stage still has the floor.
STRETCH_ACTIVE_STAGES = ("gate", "ready", "paused")
STRETCH_STAGES = (*STRETCH_ACTIVE_STAGES, "finished", "stopped")
