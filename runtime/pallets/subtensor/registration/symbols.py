"""Token symbols of subnets (spec/subtensor.md §5.1 "token symbols").

Reference (subtensor 14bc6f9): ``subnets/symbols.rs``. The table is protocol data: a subnet's
``TokenSymbol`` is the UTF-8 encoding of ``SYMBOLS[netuid]`` (index 0, upper-case tau, is
root's), or the first unused symbol after index 0 when that one is taken, or upper-case tau
when all are used.
"""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.primitives.externalities import Externalities

DEFAULT_SYMBOL = "\u03a4".encode()
"""Upper-case tau, root's symbol and the fallback."""

SYMBOLS: tuple[str, ...] = (
    'Τ', 'α', 'β', 'γ', 'δ', 'ε', 'ζ', 'η', 'θ', 'ι', 'κ', 'λ',
    'μ', 'ν', 'ξ', 'ο', 'π', 'ρ', 'σ', 't', 'υ', 'φ', 'χ', 'ψ',
    'ω', 'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט', 'י', 'ך',
    'כ', 'ל', 'ם', 'מ', 'ן', 'נ', 'ס', 'ע', 'ף', 'פ', 'ץ', 'צ',
    'ק', 'ר', 'ש', 'ת', 'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د',
    'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف',
    'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ى', 'ᚠ', 'ᚢ', 'ᚦ',
    'ᚨ', 'ᚱ', 'ᚳ', 'Ы', 'ᛉ', 'ᛒ', '\u1680', 'ᚁ', 'ᚂ', 'ᚃ', 'ᚄ', 'ᚅ',
    '᚛', 'ა', 'ბ', 'გ', 'დ', 'ე', 'ვ', 'Ա', 'Բ', 'Գ', 'Դ', 'Ե',
    'Զ', '՞', 'Ѐ', 'Ё', 'Ђ', 'Ѓ', 'Є', 'Ѕ', 'ъ', 'Ⲁ', 'ⲁ', 'Ⲃ',
    'ⲃ', 'Ⲅ', 'ⲅ', '𑀀', '𑀁', '𑀂', '𑀃', '𑀅', 'න', 'ඳ', 'ප', 'ඵ',
    'බ', 'භ', 'Ⰰ', 'Ⰱ', 'Ⰲ', 'Ⰳ', 'Ⰴ', 'Ⰵ', 'Ⰶ', 'Ⰷ', 'Ⰸ', 'Ⰹ',
    'Ⰺ', 'Ⰻ', 'Ⰼ', 'Ⰽ', 'Ⰾ', 'Ⰿ', 'Ⱀ', 'Ⱁ', 'Ⱂ', 'Ⱃ', 'Ⱄ', 'Ⱅ',
    'Ⱆ', 'Ⱇ', 'Ⱈ', 'Ⱉ', 'Ⱊ', 'Ⱋ', 'Ⱌ', 'Ⱍ', 'Ⱎ', 'Ⱏ', 'Ⱐ', 'ก',
    'ข', 'ฃ', 'ค', 'ฅ', 'ฆ', 'ง', 'จ', 'ฉ', 'ช', 'ซ', 'ฌ', 'ญ',
    'ฎ', 'ฏ', 'ฐ', 'ฑ', 'ฒ', 'ณ', 'ด', 'ต', 'ถ', 'ท', 'ธ', 'น',
    'บ', 'ป', 'ผ', 'ฝ', 'พ', 'ฟ', 'ภ', 'ม', 'ย', 'ร', 'ล', 'ว',
    'ศ', 'ษ', 'ส', 'ห', 'ฬ', 'อ', 'ฮ', 'ㄱ', 'ㄴ', 'ㄷ', 'ㄹ', 'ㅁ',
    'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ', 'ㅏ', 'ㅐ', 'ㅑ',
    'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ',
    'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ', 'አ', 'ኡ', 'ኢ', 'ኣ', 'ኤ', 'እ',
    'ኦ', 'ኧ', 'ወ', 'ዉ', 'ዊ', 'ዋ', 'ዌ', 'ው', 'ዎ', 'ኰ', '\u12b1', 'ኲ',
    'ኳ', 'ኴ', 'ኵ', '\u12b6', 'ጐ', '\u1311', 'ጒ', 'መ', 'ጔ', 'ጕ', '\u1316', 'अ',
    'आ', 'इ', 'ई', 'उ', 'ऊ', 'ऋ', 'ए', 'ऐ', 'ओ', 'औ', 'क', 'ख',
    'ग', 'घ', 'ङ', 'च', 'छ', 'ज', 'झ', 'ञ', 'ट', 'ठ', 'ड', 'ढ',
    'ण', 'त', 'थ', 'द', 'ध', 'न', 'प', 'फ', 'ब', 'भ', 'म', 'य',
    'र', 'ल', 'व', 'श', 'ष', 'स', 'ह', 'ア', 'イ', 'ウ', 'エ', 'オ',
    'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ',
    'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ',
    'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル',
    'レ', 'ロ', 'ワ', 'ヲ', 'ン', 'ⴰ', 'ⴱ', 'ⴲ', 'ⴳ', 'ⴴ', 'ⴵ', 'ⴶ',
    'ⴷ', 'ⴸ', 'ⴹ', 'ⴺ', 'ⴻ', 'ⴼ', 'ⴽ', 'ⴾ', 'ⴿ', 'ⵀ', 'ⵁ', 'ⵂ',
    'ⵃ', 'ⵄ', 'ⵅ', 'ⵆ', 'ⵇ', 'ⵈ', 'ⵉ', 'ⵊ', 'ⵋ', 'ⵌ', 'ⵍ', 'ⵎ',
    'ⵏ', 'ⵐ', 'ⵑ', 'ⵒ', 'ⵓ', 'අ', 'ආ', 'ඉ', 'ඊ', 'උ', 'ඌ', 'ඍ',
    'ඎ', 'ඏ', 'ඐ', 'එ', 'ඒ', 'ඓ', 'ඔ', 'ඕ', 'ඖ', 'ක', 'ඛ', 'ග',
    'ඝ', 'ඞ', 'ච', 'ඡ', 'ජ', 'ඣ', 'ඤ', 'ට', 'ඥ', 'ඦ', 'ඩ', 'ඨ',
    'ඪ', 'ණ', 'ඬ', 'ත', 'ථ', 'ද', 'ධ',
)
"""The 439 symbols by netuid."""

_ENCODED = tuple(symbol.encode() for symbol in SYMBOLS)


def symbol_for_subnet(netuid: int) -> bytes:
    """``get_symbol_for_subnet``: ``SYMBOLS[netuid]``, upper-case tau past the end."""
    return _ENCODED[netuid] if netuid < len(_ENCODED) else DEFAULT_SYMBOL


def next_available_symbol(ext: Externalities, netuid: int) -> bytes:
    """``get_next_available_symbol``: the subnet's own symbol unless a subnet already uses
    it, else the first unused one after root's, else upper-case tau."""
    used = {bytes(symbol) for _key, symbol in st.TokenSymbol.iter(ext)}
    own = symbol_for_subnet(netuid)
    if own not in used:
        return own
    return next((s for s in _ENCODED[1:] if s not in used), DEFAULT_SYMBOL)
