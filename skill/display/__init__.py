"""What a screen shows and what the Alexa app card says: pure, no SDK.

`cards` builds the Standard card text, `screens` the APL documents' names and
datasources, `labels` reads the few non-spoken words (content/display.yaml). Every
sentence on a card or a screen is a content sentence the speech also says. The ask-sdk
side (the response interceptor, the touch handler) is `skill.handlers.interceptors.device_display`.
"""
