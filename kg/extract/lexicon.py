"""Word lists the extraction rules share: titles, interaction verbs and nouns, status cues.

These are facts about English news prose, not about any article.
"""
from __future__ import annotations

# Words that head a title ("Foreign Minister", "special envoy"); lower-cased lemmas.
TITLE_HEADS = {
    "president", "minister", "secretary", "chancellor", "premier", "envoy", "ambassador", "spokesman",
    "spokeswoman", "spokesperson", "adviser", "advisor", "director", "commissioner", "chairman",
    "chairwoman", "chairperson", "chair", "chief", "representative", "senator", "governor", "king",
    "queen", "prince", "princess", "emir", "sheikh", "mayor", "general", "admiral", "commander",
    "commander-in-chief", "leader", "head", "aide", "lawyer", "attorney", "prosecutor", "judge",
    "justice", "officer", "official", "executive", "ceo", "founder", "speaker", "constable",
    "negotiator", "diplomat", "deputy", "vice-president", "counsel", "coordinator", "monarch",
    "pope", "cardinal", "archbishop", "mp", "lawmaker", "congressman", "congresswoman", "member",
    "economist", "analyst", "expert", "editor", "correspondent", "delegate", "consul", "attaché",
    "superintendent", "inspector", "sergeant", "colonel", "captain", "lieutenant", "marshal",
    "president-elect", "treasurer", "manager", "governor-general", "ruler", "dictator", "sultan",
    "rep", "sen", "gov", "gen", "commissioner", "presidents", "ministers", "counterpart",
    "taoiseach",
}

# Title words that may open a person's name in a NER span and are never part of the name itself.
HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "president", "prime", "minister", "king",
    "queen", "prince", "princess", "sheikh", "emir", "general", "gen", "senator", "sen", "rep",
    "secretary", "chancellor", "premier", "ambassador", "envoy", "governor", "gov", "mayor",
    "pope", "speaker", "vice", "deputy", "foreign", "former", "chairman", "judge", "justice",
    "representative", "representatives", "presidents", "commissioner", "director", "spokesman",
    "taoiseach",
}

# Words inside a title but not its head: modifiers a title can carry before its head.
TITLE_MODIFIERS = {
    "vice", "deputy", "prime", "foreign", "defence", "defense", "interior", "finance", "trade",
    "economy", "economic", "energy", "health", "justice", "special", "chief", "national", "security",
    "state", "senior", "junior", "acting", "interim", "first", "general", "supreme", "executive",
    "assistant", "associate", "principal", "former", "then", "sitting", "outgoing", "incoming",
    "federal", "and", "development", "industry", "affairs", "home", "press", "personal",
    "environment", "education", "agriculture", "culture", "transport", "labour", "labor", "top",
}

FORMER = {"former", "ex", "then", "erstwhile", "onetime", "one-time", "late"}

# Lemma -> interaction type for verbs whose subject and object/with-object meet.
MEET_VERBS = {"meet", "greet", "host", "receive", "visit", "gather", "convene", "lunch", "dine", "welcome"}
CALL_VERBS = {"telephone", "phone", "ring"}
CONTACT_VERBS = {"speak", "talk", "brief", "contact", "consult", "raise", "discuss", "urge", "inform",
                 "indicate", "call", "pass", "confer", "advise", "ask"}
STATEMENT_VERBS = {
    "say", "tell", "announce", "state", "declare", "tweet", "add", "note", "stress", "claim",
    "warn", "insist", "deny", "confirm", "comment", "remark", "explain", "argue", "write", "report",
    "reaffirm", "reiterate", "underline", "emphasise", "emphasize", "condemn", "denounce", "criticise",
    "criticize", "praise", "hail", "reassert", "oppose", "second", "voice", "express", "apologise",
    "apologize", "post", "release", "publish", "acknowledge", "suggest", "accuse", "vow", "pledge",
    "promise", "welcome", "respond", "reply", "continue", "envision", "admit", "describe",
}
CORRESPONDENCE_VERBS = {"write", "send", "mail", "email"}
AGREEMENT_VERBS = {"sign", "agree", "conclude", "ratify", "reach"}

# Event nouns: lemma -> type.
EVENT_NOUNS = {
    "meeting": "meeting", "meet": "meeting", "talks": "meeting", "talk": "meeting", "summit": "meeting", "lunch": "meeting",
    "dinner": "meeting", "breakfast": "meeting", "visit": "meeting", "conference": "meeting",
    "encounter": "meeting", "session": "meeting", "dialogue": "meeting", "audience": "meeting", "negotiation": "meeting",
    "call": "call", "phone": "call", "conversation": "contact", "letter": "correspondence",
    "message": "correspondence", "agreement": "agreement", "deal": "agreement", "pact": "agreement",
    "treaty": "agreement", "accord": "agreement", "memorandum": "agreement", "exchange": "exchange",
    "proposal": "proposal", "offer": "proposal",
}

PHONE_WORDS = {"phone", "telephone", "video", "videoconference", "videolink", "call"}

# Heads that make a clause future or intended ("expects to talk", "plans to meet").
PLAN_HEADS = {
    "expect", "plan", "hope", "wish", "intend", "want", "schedule", "aim", "seek", "prepare", "propose",
    "arrange", "agree", "offer", "set", "due", "likely", "going", "try", "determine", "invite",
    "promise", "decide",
}
NEGATION_HEADS = {"deny", "cancel", "refuse", "reject", "decline", "postpone", "call off", "scrap", "fail"}
FUTURE_AUX = {"will", "shall", "'ll", "would", "could", "might", "may"}
PLANNED_ADJ = {"planned", "scheduled", "proposed", "upcoming", "expected", "possible", "future",
               "prospective", "forthcoming", "next"}
NEGATED_ADJ = {"cancelled", "canceled", "postponed", "aborted", "scrapped"}

# Nouns that stand for a group of a state's representatives ("the delegations of Cyprus").
GROUP_NOUNS = {"delegation", "delegations", "leader", "leaders", "official", "officials", "government",
               "governments", "representative", "representatives", "minister", "ministers", "envoys"}
