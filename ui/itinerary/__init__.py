"""The Itinerary feature: the day list and timeline, the item and move dialogs, dual clocks."""
