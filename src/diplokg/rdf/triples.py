"""A set of triples indexed by subject and by predicate-object, as plain dicts.

Large builds keep their graph in this instead of an rdflib Graph: building it is
several times faster and it takes less memory.  It offers the part of the Graph
API that diplokg's checks and writers use, and ``to_graph`` for everything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph


class TripleIndex:
    def __init__(self, triples: Iterable[tuple] = ()):
        self.spo: dict = defaultdict(lambda: defaultdict(list))
        self.pos: dict = defaultdict(lambda: defaultdict(list))
        self.count = 0
        for s, p, o in dict.fromkeys(triples):  # a graph is a set
            self.spo[s][p].append(o)
            self.pos[p][o].append(s)
            self.count += 1

    def objects(self, subject, predicate) -> Iterator:
        return iter(self.spo.get(subject, {}).get(predicate, ()))

    def subjects(self, predicate=None, obj=None) -> Iterator:
        if predicate is None and obj is None:
            return iter(self.spo)
        return iter(self.pos.get(predicate, {}).get(obj, ()))

    def predicates(self, subject) -> Iterator:
        return iter(self.spo.get(subject, {}))

    def predicate_objects(self, subject) -> Iterator[tuple]:
        for predicate, objects in self.spo.get(subject, {}).items():
            for obj in objects:
                yield predicate, obj

    def value(self, subject, predicate):
        values = self.spo.get(subject, {}).get(predicate, ())
        return values[0] if values else None

    def __iter__(self) -> Iterator[tuple]:
        for s, by_p in self.spo.items():
            for p, objects in by_p.items():
                for o in objects:
                    yield s, p, o

    def __len__(self) -> int:
        return self.count

    def to_graph(self) -> Graph:
        graph = Graph()
        for triple in self:
            graph.add(triple)
        return graph
