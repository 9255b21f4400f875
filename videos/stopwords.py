"""Stop words of the languages Faceless reads: data, with no dependency, so that both the writers
(videos.llm) and the renderer (its thumbnails) can use them without importing each other."""

from __future__ import annotations


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Small lists for comparing topics loosely (videos.services.writing.topic_key) and for telling a
# keyphrase's head noun from a verb; the sentence, language and keyphrase work is the libraries'.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": _wordset("""a about above after again against all almost also although always am among an and another
        any are around as at away be became because become becomes been before being below between both but by can
        could did do does doing done down during each either else enough even ever every few for from further had
        has have having he her here hers herself him himself his how however i if in into is it its itself just
        least less like many may me might more most much must my myself near nearly never no nor not now of off
        often on once one only onto or other others our ours ourselves out over own per perhaps rather same she
        should since so some still such than that the their theirs them themselves then there these they this
        those though through thus to today too toward towards under until up upon us very was we were what when
        where whether which while who whom whose why will with within without would yet you your yours yourself
        yourselves"""),
    "de": _wordset("""aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bereits
        bin bis bevor bist da dabei dadurch daher damit dann dar darauf darum das dass dem den denen denn der deren
        des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
        eines einige er es etwa etwas euch für gegen gewesen hat hatte hatten heute hier hin ich ihm ihn ihnen ihr
        ihre ihrem ihren ihrer im immer in indem ins ist ja je jede jedem jeden jeder jedes jedoch jetzt kann kein
        keine konnte können man manche mehr mit muss musste nach nicht noch nun nur ob oder ohne schon sehr sei
        seit sich sie sind so sogar solche sollte sowie um und uns unter viel viele vom von vor war waren warum was
        weil welche welchen welcher wenn wer werden wie wieder wir wird wurde wurden zu zum zur zwar zwischen
        über"""),
    "es": _wordset("""a al algo algunos ante antes aquel así aun aunque bajo bien cada casi como con contra cual
        cuando de del desde donde durante e el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta
        estaba estaban estas este esto estos fue fueron ha había habían han hasta hay la las le les lo los más me
        mi mientras muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque que qué quien se
        sea según ser si sí siempre sin sino sobre son su sus también tan tanto te tiene tienen todo todos tras tu
        un una uno unos usted y ya"""),
    "fr": _wordset("""a à afin ai ainsi alors au aucun aussi autre aux avait avaient avec avant avoir c ce ceci cela
        celle celles celui ces cet cette chaque chez comme comment d dans de des donc dont du elle elles en encore
        entre est et été être eu eux fait il ils j je jusqu l la le les leur leurs lui m ma mais me même mes moi
        moins mon n ne ni nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi qu quand que quel
        quelle qui s sa sans se ses si son sont sous sur ta te tes toi ton tous tout toute toutes très tu un une
        vers vos votre vous y"""),
    "it": _wordset("""a ad al alla alle allo ai agli anche ancora che chi ci come con così da dal dalla dalle dai degli
        dei del della delle dello di dove e ed è era erano essere fu gli ha hanno ho i il in la le lo loro ma mi
        ne nei nel nella nelle non o per più poi quando quella quelle quello questa queste questo se si sono su sua
        sue sui sul sulla suo suoi tra tutto tutti un una uno"""),
    "pt": _wordset("""a ao aos as às com como da das de dela dele do dos e é ela ele eles elas em entre era eram essa
        esse esta este foi foram isso já lhe mais mas me muito na nas no nos não o os ou para pela pelo por que
        quando se sem ser seu sua seus suas são também tem um uma uns umas"""),
}
