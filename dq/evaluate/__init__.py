"""Score dq's detectors against line-labelled data (``dq eval``)."""
