"""The window, by feature: window/ builds the features and knows them all; each feature
(missions, attendees, itinerary, sites, lodging, meetings, find, files, sharing) is its own
package; common/ holds what two or more of them share. Reads and writes through models."""
