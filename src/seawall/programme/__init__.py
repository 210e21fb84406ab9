"""The security programme: the catalogue of activities, the team's programme file, evidence and score."""
