"""The small word lists the offline titles read, by language: no part-of-speech model ships offline."""

from __future__ import annotations

import re


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_AIM = 70
CJK_TITLE_AIM = 40
# Where a sentence may be cut into a clause that reads whole.
CLAUSE_BREAK = re.compile(r"\s*[;:—–]\s+|,?\s+(?:and|but|while|so|und|aber|et|mais|y|pero|e|ma)\s+|,\s+|[、，；：]")
# Words that open a relative clause: a verb after one belongs to it ("un grondement que tout le village entendit").
RELATIVES = _set("that which who whom whose where que qui dont où quien cuyo donde der die das dem den denen deren "
                 "dessen welche welcher welches")
# A clause may begin with an article, a determiner or a number, or with a capital (a name; a German noun).
STARTERS = {
    "en": _set("the a an one two three four five six seven eight nine ten every many most some"),
    "fr": _set("le la les l un une des du deux trois quatre cinq chaque tout toute tous"),
    "es": _set("el la los las un una unos unas dos tres cuatro cinco cada todo toda todos"),
    "de": _set("der die das den dem des ein eine einen einem einer zwei drei vier fünf jede jeder alle"),
}
# Pronouns that make a clause need what came before ("she saw a small light").
PRONOUNS = {
    "en": _set("it they them he she him his her its their this these those such"),
    "fr": _set("il elle ils elles lui leur leurs son sa ses ce cet cette ces cela y en"),  # and "les" before a verb
    "es": _set("él ella ellos ellas ello su sus este esta estos estas dicho dicha eso esto allí"),
    "de": _set("er sie es sein seine ihr ihre dies diese dieser dieses dort dabei"),
    "it": _set("esso essa essi esse lui lei loro suo sua suoi sue questo questa questi queste quello quella ciò "
               "li gli"),
    "pt": _set("ele ela eles elas seu sua seus suas este esta estes estas esse essa isso isto dele dela"),
}
# German "da-" words stand for something said before: "Daraus wurde...", "Danach", "Deshalb".
DA_WORD = re.compile(r"^(?:dar?(?:aus|auf|an|in|um|mit|für|gegen|von|zu|durch|nach|vor|hinter|über|unter|bei)|"
                     r"deshalb|deswegen|daher|dann)$")
# German prepositions after which a capitalised word with no article is a name ("aus London", "in Wien").
GERMAN_BARE = _set("aus in nach von bei an auf über durch für gegen um bis mit zu")
# Words that open a clause which depends on another: "because of the bell", "when they pull", "and".
SUBORDINATORS = {
    "en": _set("because when while if as although though since which who whom whose that and but or so yet nor "
               "unless until whether where almost also even only just"),
    "fr": _set("parce quand lorsque si comme qui que dont où et mais ou donc car puisque bien quoique presque aussi"),
    "es": _set("porque cuando mientras si como que quien cuyo donde y e pero o u aunque pues casi también"),
    "de": _set("weil wenn als ob dass und aber oder denn obwohl während nachdem bevor damit sodass wo"),
}
# Verbs, for telling a clause ("the dam gave way") from a phrase ("a colour that most...", "La mer
# Morte, fermée et écrasée de soleil"): auxiliaries, common irregular past tenses, and endings.
AUXILIARIES = {
    "en": _set("is are was were be been has have had do does did can could will would may might must should "
               "cannot gave took fell rose broke tore swept sank struck ran came went saw made found built wrote "
               "stood grew knew told left kept held led lost won sold got put set hit began became brought thought "
               "caught fought felt heard met paid said sent spent understood burst flew drove threw"),
    "fr": _set("est sont était étaient fut furent a ont avait avaient eut peut peuvent doit doivent fait font va "
               "vont sera seront reste restent"),
    "es": _set("es son era eran fue fueron ha han había habían hay está están estaba estaban puede pueden tiene "
               "tienen"),
    "de": _set("ist sind war waren hat haben hatte hatten wird werden wurde wurden kann können konnte muss"),
}
VERB_ENDINGS = {
    "en": re.compile(r"[a-z]{2,}(ed|es|s)$"),
    "fr": re.compile(r"[a-zàâçéèêëîïôûù]{2,}(ait|aient|èrent|irent|urent|ra|rent|it|ut|ent)$"),
    "es": re.compile(r"[a-záéíóúñ]{2,}(ó|ió|aron|ieron|aba|aban|ía|ían)$"),
    "de": re.compile(r"[a-zäöüß]{2,}(te|ten|t|en|st|ss)$"),
}
CJK_BACK = re.compile(r"(この|その|それ|これ|こう|そう|彼|这|那|它|他|她)")
JAPANESE_COPULA = re.compile(r"(のです|んです|です|のだ)$")


# Articles a sentence's subject opens with ("The Erie Canal opened...", "el agave azul tarda...").
SUBJECT_ARTICLES = {
    "en": _set("the"),
    "es": _set("el la los las"),
    "fr": _set("le la les l"),
    "it": _set("il lo la i gli le l"),
    "pt": _set("o a os as"),
}
NAME_LINKS = _set("of de del di della da do dos das du des")
# "Bund von Kaufleuten" is a Bund: the word before one of these heads its phrase.
HEAD_LINKS = NAME_LINKS | _set("von vom dei degli delle")
# Languages whose nouns come before their adjectives: "agave azul" is an agave.
NOUN_FIRST = _set("fr es it pt")
# "X is a ...", "X war ein ...": the sentence says what X is; the text is most likely about it.
COPULA = {
    "en": r"is|was|are|were", "fr": r"est|était|fut|sont", "es": r"es|era|fue|son", "de": r"ist|war|sind|waren",
    "it": r"è|era|fu|sono", "pt": r"é|era|foi|são",
}
INDEFINITE = {
    "en": r"an?|the|one", "fr": r"une?|le|la|l'|l’|les", "es": r"una?|el|la|los|las",
    "de": r"eine?|einer|der|die|das", "it": r"una?|uno|il|lo|la|l'|l’|i|gli|le", "pt": r"uma?|o|a|os|as",
}
ARTICLES = {**SUBJECT_ARTICLES, "de": _set("der die das den dem des")}

