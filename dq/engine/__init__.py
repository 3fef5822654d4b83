"""The engine: a :class:`~dq.engine.request.ScanRequest` in, a ``ScanResult`` out.

``request`` what to scan (a leaf: no Polars) · ``detect`` the registry over a
frame · ``findings`` the evidence and its JSON Lines form · ``scan`` load then
detect, in memory · ``stream`` the same a batch at a time · ``result`` what
a scan produced. Dependencies point one way: findings <- detect <- result
<- stream <- scan, and request is a leaf. Nothing is imported here, so
``import dq.engine.request`` stays light.
"""
