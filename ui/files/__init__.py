"""The Files feature: export (receivers, travel packs), mission files, restore from a backup,
recovery at start-up, compacting."""
