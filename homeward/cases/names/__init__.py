"""Name matching across spellings and scripts, with an explanation of every match.

Every form of a child's name (given and family names, the name in its original script, aliases,
other systems' forms) is cut into tokens, each transliterated to Latin letters (anyascii) and
reduced to search keys, stored as NameKey rows (see name_index.py):

- `fold` (oleksandr): the same letters once accents and script are gone (Олександр, Oleksandr);
- `phon` (ALKSNTR): the same sound by Metaphone, any leading vowel as A (Oleksandr, Aleksandr);
- `nysiis` (#ALACSANDR): the same sound by NYSIIS, which keeps vowel places (Georgios, Giorgos);
- `typo` (~ALKSTR): one sound more, less or different, for names of five sounds or more;
- `skel` (:mhmd) and `abjad` (=mhmd): the consonants, to compare a name written in Arabic or
  Hebrew script, which usually leaves out short vowels (محمد), with its Latin forms;
- `loose` (%levsenko, %:lvsnk): the token as other transliteration conventions write its
  sounds (German Lewtschenko, Polish Lewczenko, English Levchenko), and its consonants.

Before the phonetic codes, a few spelling conventions of European transliteration are evened
out (ü/ue/u, x/ks, th/t, kh/h, w/v, ou/u, Ye/Ie/E, Yu/Iu, -iy/-ii/-y, doubled letters). A query is
reduced the same way; a child is a candidate when a query token shares a key with one of the
child's tokens, the children sharing keys with most tokens first. `rank` then scores each
query token against the child's best token and says why, in words a hotline operator can
check. docs/name-search.md explains it for trainers.
"""

from homeward.cases.names.keys import keys_for_names, query_key_groups
from homeward.cases.names.ranking import Match, rank, reasons_of, score_names
from homeward.cases.names.tokens import phonetic, tokens

__all__ = [
    "Match",
    "keys_for_names",
    "phonetic",
    "query_key_groups",
    "rank",
    "reasons_of",
    "score_names",
    "tokens",
]
