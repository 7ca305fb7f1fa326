"""The Lodging feature: stays, rooms, the room dialog and room assignment."""
