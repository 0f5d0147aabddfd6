"""Themes: cluster an article's sentences into a few readable themes.

The model is TF-IDF + KMeans, made to mean something for a single article
(see ``ThemeModel`` for the pipeline and ``docs/design.md`` for the measurements):

1. Terms are the content lemmas of each sentence (``tokens.norm`` where
   ``is_content``).  Their IDF comes either from a *background* corpus
   (``wordfreq``: ``-ln frequency``, very common words dropped) or, without any
   optional package, from the article itself (smoothed sentence-level IDF).
2. Each L2-normalised sentence vector is mixed with its paragraph's mean
   vector (``paragraph_weight``) and then with the mean of its neighbours
   (``smooth_weight``), so the word features place theme boundaries while the
   document structure keeps themes in coherent blocks.
3. The sentence-encoder block (``embedding_weight``, default 0.7): each sentence's
   multilingual-e5-small vector (``helpers.embeddings``, the vectors the model stage uses
   too, computed once), centred on the article's mean and mixed with the same context,
   joins the TF-IDF block (``features.join_blocks``); without an encoder the words decide
   alone and ``notes_`` says so.
4. A position column (sentence index scaled to [0, 1], times
   ``position_weight``) is appended and KMeans clusters the rows
   (``helpers.themes.kmeans.BatchKMeans``: scikit-learn's algorithm with the restarts run
   together; scikit-learn itself is not imported on this path, which saves every new
   process about 1 s).

``k="auto"`` chooses k by a length prior (at least ``choose_k.K_FLOOR`` = 4 themes)
combined with the silhouette (see ``choose_k``). ``helpers.themes.recur`` finds the
sentences that return to an earlier theme. Cross-validated effects: ``docs/themes.md``.  Same seed -> byte-identical output.

The ``wordfreq`` package's data is CC BY-SA 4.0 (share-alike), so it is never a
default: the default IDF is local (``idf="local"``), which measured the same as
the background IDF on the development articles (within noise). Install the extra
(``pip install -e .[wordfreq]``) and pass ``idf="background"`` to use it, or
``idf="auto"`` (background when importable, else local).
"""

from helpers.themes.model import MIN_SENTENCES, ThemeModel

__all__ = ["MIN_SENTENCES", "ThemeModel"]
