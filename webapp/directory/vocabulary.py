"""The directory's fixed words: kinds of listing, types of help, funding, areas."""

LISTING_KIND_NAMES = {
    "micro_provider": "Micro provider",
    "extra_care_scheme": "Extra care housing",
    "day_opportunity": "Day opportunity",
    "community_group": "Community group",
}

# code: (name, words people use for it, which the search index also holds)
HELP_TYPES = {
    "befriending": ("Befriending and company", "companionship visits chat loneliness"),
    "sitting_service": ("Sitting service", "sitter sit with someone carer cover"),
    "respite": ("Short breaks for carers", "respite carer break"),
    "transport": ("Transport and lifts", "lift driver car trips appointments"),
    "shopping": ("Shopping and errands", "shopping errands prescriptions"),
    "home_help": ("Home help and cleaning", "cleaner cleaning housework laundry"),
    "personal_care": ("Personal care", "washing dressing bathing care at home"),
    "meals": ("Meals and cooking", "meals cooking lunch"),
    "day_opportunities": ("Day opportunities and activities", "day centre activities outings"),
    "dementia_support": ("Dementia and memory support", "dementia memory"),
    "gardening": ("Gardening and odd jobs", "garden handyman odd jobs"),
    "exercise": ("Exercise and staying active", "exercise walking movement"),
    "housing_with_care": ("Housing with care", "extra care flat housing"),
}

FUNDING_NAMES = {
    "direct_payments": "Direct payments",
    "individual_service_funds": "Individual service funds",
    "self_funders": "People paying for themselves",
}

# The former district council areas, which people in Dorset still use to say where they live.
AREAS = ("East Dorset", "North Dorset", "Purbeck", "West Dorset", "Weymouth and Portland")

SCHEME_STATUS_NAMES = {
    "open": "Open",
    "being_built": "Being built",
    "planned": "Planned",
}
TENURE_NAMES = {"rent": "Rent", "shared_ownership": "Shared ownership", "sale": "To buy"}

# What a provider last said about taking new people (models.AVAILABILITIES).
AVAILABILITY_NAMES = {
    "taking_new": "Taking new people",
    "waiting_list": "Waiting list",
    "full": "Full, not taking new people",
}
