"""Golden values for helpers.sentiment, reasoned by hand (no development data)."""

from __future__ import annotations

import pandas as pd
import pytest

import benchmarks.sentiment as benchmarks_sentiment
import evaluation.sentiment as evaluation_sentiment
from helpers.errors import InputError
from helpers.sentiment import english, lexicon
from helpers.sentiment import score as sscore


def table(texts: list[str], lang: str = "de") -> pd.DataFrame:
    df = pd.DataFrame({"sentence_id": range(len(texts)), "text": texts})
    df.attrs["lang"] = lang
    return df


def score(text: str, lang: str = "de", **kw: object) -> float:
    return float(sscore.score_sentences(table([text], lang), **kw)["sentiment"].iat[0])


# ------------------------------------------------------------------------ German
def test_output_columns_and_range() -> None:
    out = sscore.score_sentences(table(["Das ist gut.", "Das ist schlecht.", "Der Zug fährt um acht."]))
    assert list(out.columns) == ["sentence_id", "sentiment", "sentiment_raw", "n_polar", "sentiment_words",
                                 "sentiment_method"]
    assert out["sentiment"].between(-1, 1).all()
    assert out["sentence_id"].tolist() == [0, 1, 2]
    assert out["sentiment"].iat[2] == 0.0 and out["sentiment_words"].iat[2] == ""


def test_positive_negative_and_negation() -> None:
    assert score("Das ist gut.") > 0
    assert score("Das ist schlecht.") < 0
    assert score("Das ist nicht gut.") < 0
    assert score("Das ist nicht schlecht.") > 0
    # "nicht schlecht" is weaker than "gut"
    assert score("Das ist nicht schlecht.") < score("Das ist gut.")
    assert score("Es gibt keine Probleme.") > 0


def test_nicht_nur_and_oder_nicht_are_no_negation() -> None:
    assert score("Das hilft nicht nur uns.") > 0
    assert score("Offen ist, ob die Hilfe kommt oder nicht.") > 0


def test_verb_final_negation() -> None:
    assert score("Die Zusammenarbeit gelingt nicht.") < 0


def test_tension_words_negative_and_legal_words_neutral() -> None:
    assert score("Die Spannungen nehmen zu.") < 0
    assert score("Der Konflikt zwischen den Partnern wächst.") < 0
    assert score("Es gibt Streit über den Vertrag.") < 0
    assert score("Die Abhängigkeit von einem Anbieter ist groß.") < 0
    assert score("Der Konzern ist marktbeherrschend.") < 0
    for text in ("Das Recht gilt.", "Die Reform kommt im Mai.", "Die Novelle wurde beschlossen.",
                 "Der Rat tagt morgen."):
        assert score(text) == 0.0, text


def test_curated_news_vocabulary() -> None:
    assert score("Es gibt scharfe Kritik an dem Plan.") < 0
    assert score("Die Regelung verstößt gegen EU-Recht.") < 0
    assert score("Das ist Diskriminierung.") < 0
    assert score("Die Einigung ist ein Durchbruch.") > 0


def test_intensifiers_and_dampeners() -> None:
    assert score("Das ist sehr gut.") > score("Das ist gut.") > score("Das ist eher gut.") > 0
    assert score("Das ist besonders schlecht.") < score("Das ist schlecht.") < 0


def test_compound_head() -> None:
    out = sscore.score_sentences(table(["Der Wettbewerbsdruck steigt."]))
    assert out["sentiment"].iat[0] < 0
    assert "[druck]" in out["sentiment_words"].iat[0]
    # without the rule the unknown compound is not scored
    assert score("Der Wettbewerbsdruck steigt.", rules=("negation", "boosters", "contrast")) == 0.0
    # a known word is never split: "Abbildung" is neutral in the lexicon
    assert score("Die Abbildung zeigt den Plan.") == 0.0


def test_hyphenated_compound_uses_last_part() -> None:
    assert score("Der Handels-Streit dauert an.") < 0


def test_contrast_weights_the_second_clause() -> None:
    # equal strengths on both sides: the clause after "aber" decides
    assert score("Das Ergebnis ist gut, aber die Lage ist schlecht.") < 0
    assert score("Die Lage ist schlecht, aber das Ergebnis ist gut.") > 0
    # without the rule the two cancel out
    assert score("Das Ergebnis ist gut, aber die Lage ist schlecht.", rules=("negation",)) == 0.0
    # "aber auch" adds, sentence-initial "Aber" relates to the sentence before
    assert score("Aber die Lage ist schlecht.") == score("Die Lage ist schlecht.")


def test_sentiment_words_explain_the_score() -> None:
    words = sscore.score_sentences(table(["Das ist nicht gut."]))["sentiment_words"].iat[0]
    assert "nicht~gut" in words and "-0.75" in words


def test_german_never_uses_vader(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> None:
        raise AssertionError("VADER called on German text")

    monkeypatch.setattr(english, "_vader", boom)
    monkeypatch.setattr(sscore, "_vader", boom)
    out = sscore.score_sentences(table(["This is very good."], "de"))
    assert out["sentiment_method"].iat[0].startswith("lexicon")


def test_uses_given_token_table() -> None:
    from helpers.text.tokens import tokens

    sdf = table(["Das ist gut.", "Das ist schlecht."])
    tdf = tokens(sdf, "de")
    assert sscore.score_sentences(sdf, tdf)["sentiment"].tolist() == sscore.score_sentences(sdf)["sentiment"].tolist()


def test_unknown_language_and_rules_raise() -> None:
    with pytest.raises(InputError):
        sscore.score_sentences(table(["Bonjour."], "fr"))
    with pytest.raises(InputError):
        sscore.score_sentences(table(["Gut."]), rules=("magic",))
    with pytest.raises(InputError):
        sscore.score_sentences(table(["Good."], "en"), lexicon="sentiws")


# ------------------------------------------------------------------------ lexicons
def test_default_lexicon_shape() -> None:
    lex = sscore.load_lexicon("default")
    assert len(lex) > 7500
    assert all(-1.0 <= v <= 1.0 for v in lex.polarity.values())
    assert lex.polarity["spannung"] < 0 and lex.polarity["reform"] == 0.0 and lex.polarity["recht"] == 0.0
    assert lex.polarity["kritik"] < 0 and "druck" in lex.nouns


def test_sentiws_missing_gives_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    sscore.load_lexicon.cache_clear()
    monkeypatch.delenv(lexicon.SENTIWS_ENV, raising=False)
    with pytest.raises(InputError, match="TP_SENTIWS_DIR"):
        sscore.load_lexicon("sentiws")
    monkeypatch.setenv(lexicon.SENTIWS_ENV, str(tmp_path))
    with pytest.raises(InputError, match="SentiWS_v2.0_Positive.txt"):
        sscore.load_lexicon("sentiws")
    sscore.load_lexicon.cache_clear()


def test_sentiws_format_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    # two made-up lines in the SentiWS layout: Word|POS<TAB>weight<TAB>inflections
    (tmp_path / "SentiWS_v2.0_Positive.txt").write_text("Freude|NN\t0.6\tFreuden\n", encoding="utf-8")
    (tmp_path / "SentiWS_v2.0_Negative.txt").write_text("Ärger|NN\t-0.5\tÄrgers\n", encoding="utf-8")
    sscore.load_lexicon.cache_clear()
    monkeypatch.setenv(lexicon.SENTIWS_ENV, str(tmp_path))
    try:
        lex = sscore.load_lexicon("sentiws")
        assert lex.polarity["freuden"] == 0.6 and lex.polarity["ärgers".replace("ß", "ss")] == -0.5
        assert score("Die Freude ist groß.", lexicon="sentiws") > 0
    finally:
        sscore.load_lexicon.cache_clear()


def test_custom_tsv_lexicon(tmp_path) -> None:
    path = tmp_path / "lex.tsv"
    path.write_text("lemma\tpolarity\nZug\t-1\n", encoding="utf-8")
    assert score("Der Zug kommt.", lexicon=str(path)) < 0


# ------------------------------------------------------------------------ English
def test_english_vader() -> None:
    assert score("This is good.", "en") > 0
    assert score("This is not good.", "en") < 0
    assert score("This is very good.", "en") > score("This is good.", "en")
    out = sscore.score_sentences(table(["The talks were a success."], "en"))
    assert out["sentiment_method"].iat[0] == "vader" and "success" in out["sentiment_words"].iat[0]


# ------------------------------------------------------------------------ baseline
def test_naive_baseline_counts_without_rules() -> None:
    out = sscore.naive_sentiment(table(["Das ist gut.", "Das ist nicht gut.", "Gut und schlecht.", "Der Zug."]))
    assert out["sentiment_naive"].tolist() == [1.0, 1.0, 0.0, 0.0]


# ------------------------------------------------------------------------ themes
def test_theme_sentiment_summary_and_bootstrap() -> None:
    df = pd.DataFrame({"theme": [0, 0, 0, 0, 1, 1, 2],
                       "sentiment": [-0.6, -0.2, 0.0, 0.4, 0.5, 0.7, -0.3]})
    out = sscore.theme_sentiment(df, seed=3, n_boot=500).set_index("theme")
    assert out.loc[0, "n"] == 4
    assert out.loc[0, "mean"] == pytest.approx(-0.1)
    assert out.loc[0, "median"] == pytest.approx(-0.1)
    assert out.loc[0, ["share_negative", "share_neutral", "share_positive"]].tolist() == [0.5, 0.25, 0.25]
    for t in out.index:
        assert out.loc[t, "ci_low"] <= out.loc[t, "mean"] <= out.loc[t, "ci_high"]
    assert out.loc[2, "ci_low"] == out.loc[2, "ci_high"] == -0.3  # one sentence
    again = sscore.theme_sentiment(df, seed=3, n_boot=500).set_index("theme")
    pd.testing.assert_frame_equal(out, again)
    other = sscore.theme_sentiment(df, seed=4, n_boot=500).set_index("theme")
    assert (other.loc[0, "ci_low"], other.loc[0, "ci_high"]) != (out.loc[0, "ci_low"], out.loc[0, "ci_high"])


# ------------------------------------------------------------------------ evaluation
def test_spearman_vs_annotators() -> None:
    df = pd.DataFrame({"s": [-0.5, 0.0, 0.5, 0.9], "gold_sentiment_a": [-2, 0, 1, 2],
                       "gold_sentiment_b": [2, 1, 0, -1]})
    rho = evaluation_sentiment.spearman_vs_annotators(df, "s")
    assert rho["Spearman a"] == pytest.approx(1.0)
    assert rho["Spearman b"] == pytest.approx(-1.0)
    const = evaluation_sentiment.spearman_vs_annotators(df.assign(s=0.0), "s")
    assert pd.isna(const["Spearman a"])


def test_bench_returns_rates() -> None:
    res = benchmarks_sentiment.bench_sentiment(repeat=1)
    for lang in ("de", "en"):
        assert res[lang]["sentences"] > 5 and res[lang]["sentences_per_s"] > 0


# ------------------------------------------------------------------------ aggregation and lookup
def test_sign_based_aggregation_ignores_strength_values() -> None:
    # strengths are noise: one positive and one negative word cancel whatever their values
    assert score("Das Ergebnis ist hervorragend und problematisch.", rules=()) == 0.0
    # more words of one sign count more, with diminishing weight (sum / sqrt(n_polar))
    assert score("Das ist gut und hilfreich.") > score("Das ist gut.") > 0
    out = sscore.score_sentences(table(["Das ist gut."]))
    assert out["sentiment_raw"].iat[0] == 1.0 and out["sentiment"].iat[0] == pytest.approx(0.7071, abs=1e-4)


def test_negated_predicate_takes_positive_subject_along() -> None:
    out = sscore.score_sentences(table(["Die Zusammenarbeit gelingt nicht."]))
    assert out["sentiment"].iat[0] < 0
    assert "nicht~Zusammenarbeit" in out["sentiment_words"].iat[0]


def test_inflected_adjectives_and_participles_simplemma_misses() -> None:
    # "angespannten" is lemmatised to the verb "anspannen"; the adjective entry still counts
    assert score("Die Lage bleibt in der angespannten Phase.") < 0
    assert score("Die Partner setzen unilaterale Schritte.") < 0


def test_fallbacks_respect_case() -> None:
    # "trug" (past of tragen) is not the noun "Trug"; "Zölle" is not the verb "zollen"
    assert score("Er trug den Koffer.") == 0.0
    assert score("Die Zölle gelten ab Mai.") == 0.0


def test_negative_modifier_of_compound_with_neutral_head() -> None:
    out = sscore.score_sentences(table(["Das Spannungsfeld bleibt."]))
    assert out["sentiment"].iat[0] < 0 and "[spannung-]" in out["sentiment_words"].iat[0]
    assert score("Die Gewaltenteilung gilt.") == 0.0  # a listed neutral word is never split


def test_conflict_vocabulary_never_positive() -> None:
    for word in ("Spannungen", "Konflikt", "Reibungen", "Abhängigkeit", "Druck", "Streitpunkt",
                 "Differenzen", "Missverständnisse", "Rivalität", "Machtkampf"):
        assert score(f"Es gibt {word}.") < 0, word
    assert score("Trotz der Einigung bleibt es offen.") > 0  # "trotz" is a preposition, not negative


def test_english_news_sanity() -> None:
    assert score("Talks collapsed amid bitter accusations.", "en") < 0
    assert score("The two firms settled their dispute amicably.", "en") > 0
    assert score("The two sides reached an agreement after months of talks.", "en") > 0
    for text in ("Tensions between the partners are rising.", "The rivalry intensified.",
                 "Friction between the two teams grew.", "The conflict escalated.",
                 "Pressure on the board is mounting."):
        assert score(text, "en") < 0, text


def test_german_separable_verb_takes_the_joined_lemma(tmp_path) -> None:
    import helpers
    from helpers.sentiment.score import score_sentences

    path = tmp_path / "sep.txt"
    path.write_text("Die Regierung lehnt den Vorschlag ab. Die Opposition stimmt dem Plan zu.", encoding="utf-8")
    sents = helpers.sentences(path, lang="de")
    scored = score_sentences(sents, helpers.tokens(sents))
    # ablehnen is negative, zustimmen positive; "lehnen" and "stimmen" alone are not polar
    assert scored["sentiment"].iloc[0] < 0 < scored["sentiment"].iloc[1]
    # a joined verb the lexicon does not list is neutral: "kündigte ... an" is ankündigen
    # (announce), not kündigen (dismiss)
    assert score("Die Regierung kündigte neue Mittel für Krankenhäuser an.") == 0.0
    assert score("Der Konzern kündigte dem Betriebsrat.") < 0


def test_english_names_are_not_sentiment_words() -> None:
    # VADER rates united +1.8, party +1.7, justice +2.4, free +2.3: inside names they say nothing
    assert score("The union met the Labour Party in the United Kingdom.", "en") == 0.0
    assert score("The Department of Justice opened a probe into the Free Democrats.", "en") <= 0.0
    out = sscore.score_sentences(table(["Voters in the United States reject the Party."], "en"))
    assert "United" not in out["sentiment_words"].iat[0] and "reject" in out["sentiment_words"].iat[0]
    assert out["sentiment"].iat[0] < 0
    # the same words in lower case, or opening a sentence or a quotation, still count
    assert score("The party was great fun.", "en") > 0
    assert score("Great news: the talks succeeded.", "en") > 0
    assert score('He said: "Hope remains."', "en") > 0
    # ... but a capitalised name that opens the sentence is a name
    assert english.mask_english_names("United Airlines cut routes.")[1] == ["United"]
    # title-case headlines are left alone
    assert english.mask_english_names("Party Leaders Celebrate Great Victory")[1] == []


def test_accusation_content_is_not_praise() -> None:
    # the positive words describe what was allegedly broken, not something good
    assert score("The union accuses the operator of breaking a promise to protect jobs.", "en") < 0
    assert score("The union accuses the operator of breaking a promise to protect jobs.", "en",
                 rules=("compounds", "negation", "boosters", "contrast")) > 0  # what VADER alone says
    assert score("Critics blamed the minister for the failed reform.", "en") < 0
    assert english.mask_english_reproach("The talks were a success.") == ("The talks were a success.", [])
    german = "Die Gewerkschaft wirft dem Betreiber vor, die Sicherheit der Beschäftigten zu gefährden."
    out = sscore.score_sentences(table([german]))
    assert "Sicherheit" not in out["sentiment_words"].iat[0] and "gefährden" in out["sentiment_words"].iat[0]
    # vorwerfen and gefährden, both negative: two negative signs (-2/sqrt 2 -> -0.82)
    assert out["sentiment"].iat[0] == pytest.approx(-(2 ** 0.5) / (3 ** 0.5), abs=1e-3)
    assert score(german, rules=("compounds", "negation", "boosters", "contrast")) > out["sentiment"].iat[0]
    # a sentence without an accusation verb keeps its praise
    assert score("Die Regierung lobt die gute Reform.") > 0


NO_HARM = ("compounds", "negation", "boosters", "contrast", "accusation")


def test_a_harmed_good_is_not_praise() -> None:
    # Streit -1 and gefährdet -1 remain; "erfolgreiche" and "Zusammenarbeit" name what is harmed:
    # two negative signs, -2/sqrt 2 -> -sqrt(2)/sqrt(3) = -0.816
    sentence = "Der Streit gefährdet die erfolgreiche Zusammenarbeit."
    assert score(sentence) == pytest.approx(-(2 ** 0.5) / (3 ** 0.5), abs=1e-3)
    assert score(sentence, rules=NO_HARM) == pytest.approx(0.0, abs=1e-9)  # 2 - 2 = 0 without the rule
    # a noun of harm: "Bedrohung" -1 alone -> -1/sqrt 2
    assert score("Die Bedrohung des Friedens wächst.") == pytest.approx(-(0.5 ** 0.5), abs=1e-3)
    # verb-final: the harmed good comes before the verb
    out = sscore.score_sentences(table(["Experten warnen, dass der Konflikt die gute Partnerschaft belastet."]))
    assert "gute" not in out["sentiment_words"].iat[0] and "belastet" in out["sentiment_words"].iat[0]
    # another clause keeps its words: "erfolgreiche" counts (half, before "doch")
    out = sscore.score_sentences(table(["Die erfolgreiche Firma wächst, doch der Streit schadet dem Ruf."]))
    assert "erfolgreiche" in out["sentiment_words"].iat[0]
    # a negated harm harms nothing: the rule stays out
    negated = "Der Streit gefährdet die erfolgreiche Zusammenarbeit nicht."
    assert score(negated) == score(negated, rules=NO_HARM)


def test_english_harm_hides_the_harmed_good() -> None:
    text = ("Labour's dependence on funding from Unite is compromising their ability to stand up "
            "for the interests of passengers.")
    assert english.mask_english_harm(text)[1] == ["ability", "interests"]
    assert score(text, "en") < 0 < score(text, "en", rules=NO_HARM)
    assert score("The dispute could damage the successful partnership.", "en") < \
        score("The dispute could damage the successful partnership.", "en", rules=NO_HARM)
    # the harm ends with its clause, is void when negated, and "harmony" is no harm
    assert english.mask_english_harm("Talks threaten good jobs, but the mood is great.")[1] == ["good"]
    assert english.mask_english_harm("The deal does not threaten the good relationship.")[1] == []
    assert english.mask_english_harm("The harmony between the partners is great.")[1] == []


def test_a_lowercase_word_is_no_noun() -> None:
    """German nouns are capitalised: the verb "nutzen" (to use) is not the noun "Nutzen"
    (benefit), while the lexicon's verbs keep their polarity in lower case."""
    assert score("OpenAI will auch andere Plattformen nutzen.") == 0.0
    assert score("Der Nutzen der Partnerschaft ist unbestritten.") > 0
    assert score("Nutzen bringt die Partnerschaft beiden.") > 0  # sentence-initial: may be either
    assert score("Die Konzerne wollen die Lage ausnutzen.") < 0
    lex = sscore.load_lexicon()
    assert "nutzen" in lex.nouns and "ausnutzen" not in lex.nouns and "scheitern" not in lex.nouns


def test_english_news_usage() -> None:
    """Words VADER (written for social media) lacks or misreads in news: stock "shares" are
    not sharing, markets plunge, talks are constructive or end in an impasse."""
    assert score("Shares of the company were traded in London.", "en") == 0.0  # VADER alone: +0.30
    assert score("Workers at the plant discussed pay.", "en") == 0.0  # VADER rates "pay" -0.4
    assert score("The talks were frank and constructive.", "en") > 0
    assert score("The talks ended in an impasse.", "en") < 0
    assert score("Supply chains could be disrupted for months.", "en") < 0
    assert score("Shares plunged after the announcement.", "en") < 0


NO_RESOLUTION = ("compounds", "negation", "boosters", "contrast", "accusation", "harm")


def test_a_resolved_conflict_is_good_news() -> None:
    # beigelegt +1 remains; "Streit" is what was settled: +1/sqrt 2 = 0.707 (without the rule 1 - 1 = 0)
    assert score("Der Streit ist beigelegt.") == pytest.approx(0.5 ** 0.5, abs=1e-3)
    assert score("Der Streit ist beigelegt.", rules=NO_RESOLUTION) == pytest.approx(0.0, abs=1e-9)
    assert score("Beide Seiten legten ihren Streit bei.") > 0  # the joined verb beilegen
    negated = "Beide Seiten konnten den Streit nicht beilegen."
    assert score(negated) == score(negated, rules=NO_RESOLUTION) < 0
    # English: VADER alone reads "resolved their bitter dispute" as negative
    resolved = "The two sides resolved their bitter dispute."
    assert score(resolved, "en", rules=NO_RESOLUTION) < 0 < score(resolved, "en")
    assert score("The bitter dispute was finally settled.", "en") > 0  # passive: the dispute comes first
    failed = "They failed to resolve the bitter dispute."
    assert score(failed, "en") == score(failed, "en", rules=NO_RESOLUTION) < 0
    assert english.mask_english_harm("The talks ended in an impasse.", resolution=True)[1] == []
    assert english.mask_english_harm("The union ended the strike.", resolution=True)[1] == ["strike"]


# ------------------------------------------------- negation scope and phrase negators
def sign(x: float) -> str:
    return "negative" if x < -0.05 else "positive" if x > 0.05 else "neutral"


# (text, language, expected sign of the word-list score): a negator reaches its word through
# articles and prepositions; "alles andere als" / "anything but" / "far from" negate.
NEGATION_CASES = [
    ("Die Gewerkschaft hat nie an eine schnelle Lösung geglaubt.", "de", "negative"),
    ("Das ist kein Grund zur Freude.", "de", "negative"),
    ("Niemand hat mit einem Erfolg gerechnet.", "de", "negative"),
    ("Der Vorstand glaubt nicht an einen Kompromiss.", "de", "negative"),
    ("Das Ergebnis ist alles andere als gut.", "de", "negative"),
    ("Die Stimmung war alles andere als schlecht.", "de", "positive"),
    ("Der Vorschlag ist mitnichten eine Lösung.", "de", "negative"),
    ("Critics said the reform was anything but fair.", "en", "negative"),
    ("The deal was far from perfect.", "en", "negative"),
    ("The result is anything but good.", "en", "negative"),
    ("The mood was anything but bad.", "en", "positive"),
    # a negated comparative in a counterfactual praises
    ("Die Stimmung könnte nicht besser sein.", "de", "positive"),
    ("Es hätte nicht schöner laufen können.", "de", "positive"),
    ("Die Stimmung ist nicht besser geworden.", "de", "negative"),
    ("The mood could not be better.", "en", "positive"),
    ("We couldn't be happier with the deal.", "en", "positive"),
    ("The offer is not better than the last one.", "en", "negative"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NEGATION_CASES)
def test_negation_scope_and_phrase_negators(text: str, lang: str, expected: str) -> None:
    assert sign(score(text, lang)) == expected


def test_a_negated_word_is_marked_in_both_languages() -> None:
    de = sscore.score_sentences(table(["Das ist kein Grund zur Freude."]))["sentiment_words"].iat[0]
    en = sscore.score_sentences(table(["This is not good."], "en"))["sentiment_words"].iat[0]
    assert de.startswith("kein~Freude -") and en.startswith("not~good -")
    # VADER's factor: good (+1.9 / 4) times -0.74
    assert en == f"not~good {1.9 / 4 * -0.74:+.2f}"


# ------------------------------------------------------------------------ emoji
# (text, language, expected sign): an emoji counts with the valence of its CLDR name, in
# both languages (VADER alone reads "😡" as "pouting face", which no lexicon scores).
EMOJI_CASES = [
    ("The fans greeted the decision with 😡 on social media.", "en", "negative"),
    ("Fans reacted with 👎 to the new owners.", "en", "negative"),
    ("The team celebrated the title 🎉", "en", "positive"),
    ("Die Fans reagierten mit 😡 auf die Entscheidung.", "de", "negative"),
    ("Der Betriebsrat antwortete mit 👎 auf das Angebot.", "de", "negative"),
    ("Die Mannschaft feierte den Titel 🎉", "de", "positive"),
    ("Nach dem Abpfiff gab es nur noch 😢", "de", "negative"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), EMOJI_CASES)
def test_emoji_count_as_sentiment_words(text: str, lang: str, expected: str) -> None:
    assert sign(score(text, lang)) == expected


def test_emoji_are_found_whole_and_named_by_cldr() -> None:
    from helpers.sentiment.emojis import emoji_names, find_emoji

    assert find_emoji("Toll 👍🏽 aber 😡😡 und 👨‍👩‍👧") == ["👍🏽", "😡", "😡", "👨‍👩‍👧"]
    assert find_emoji("plain ASCII :)") == []
    assert emoji_names()["😡"] == "enraged face"  # CLDR short name (Unicode's: POUTING FACE)
    # a neutral emoji adds nothing
    assert score("Die Fans fuhren mit dem 🚗 zum Stadion.") == score("Die Fans fuhren mit dem Auto zum Stadion.")


@pytest.mark.parametrize("text", ["Über Österreich – „Ärger“ über Maßnahmen…", "Größe © 2024 ® ™", "Taste #️⃣ drücken",
                                  "Familie 👨‍👩‍👧 und 🇦🇹", "ok ✔ ☺ ♥ ☹", "Café 👍🏽", ""])
def test_find_emoji_skips_text_without_emoji_exactly(text: str) -> None:
    """The quick check before the scan never changes what the emoji package finds."""
    import emoji

    from helpers.sentiment.emojis import find_emoji

    assert find_emoji(text) == [m["emoji"] for m in emoji.emoji_list(text)]
