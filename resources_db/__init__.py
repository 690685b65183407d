"""Resource database of the referral assistant: models, import/export, matching and search."""
