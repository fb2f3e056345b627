"""What the conversation areas share: the request's content, state and slots, the reply
builder (`common`), and the symptom, scope, memory and stretch turns more than one area takes."""
