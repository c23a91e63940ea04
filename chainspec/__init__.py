"""Chain specs: presets, genesis building, raw (key/value) and plain (genesis config) specs."""
