"""`seawall aws inventory`: what the organization owns, where, who exposes it and what sits unused.

Two sources: the organization's AWS Config aggregator (in the security account) when there is one, and
direct listing in every account and region, always, since an aggregator can answer partially. The two
are merged and compared; the flags (``flags``) and the data map (``datamap``) are pure functions of
the merged inventory.
"""
