"""The Missions feature: mission list actions, the mission, consulate and duplicate dialogs,
the Overview tab and the readiness panel."""
