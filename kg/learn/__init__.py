"""The learned relation scorer: candidate pairs of a sentence, their features, a linear model.

The rules of :mod:`kg.relations` are precise where they fire but were written from few
articles; the scorer decides, for every pair of entities named in one sentence (and every pair
a rule links across sentences), whether the sentence states ``funds``, ``partners-with`` or
``competes-with`` between them. Its features carry across languages (trigger classes of the
language's lexicon, dependency paths over a role map shared by the French and English parsers,
entity types, distances, negation and hedges, which rule fired), so that English data helps
French. It is trained by ``kg train`` (:mod:`kg.learn.train`) and ships as a small JSON file of
weights read with the standard library: building a graph never trains and never downloads.
"""
