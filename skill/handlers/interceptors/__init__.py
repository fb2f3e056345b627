"""Around every handler: the locale's content and the request log (`request_context`), the
card and the device display (`device_display`), Tasks.CompleteTask, metrics, and the one
exception handler (`errors`)."""
