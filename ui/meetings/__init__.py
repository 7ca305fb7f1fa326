"""The Meetings feature: 商談会 slot grid, counterparts, interpreters, protocol (greetings,
seating), gifts."""
