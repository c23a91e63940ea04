"""Chain specs: presets, genesis building, raw key/value specs in and out."""
