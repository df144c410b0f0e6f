"""How a text names the office's own level and its superior's: 全镇/我乡/本街道, 全县/全区平均.

The office profile (or the situation's 乡镇 section) may name the level outright; otherwise
it is read from the end of the name (青石镇 → 镇, 城南街道 → 街道, 青川区 → 区).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.schema import LEVELS, SUPERIOR_LEVELS, Office, Township

#: Party and government bodies that decide for each level, as documents name them.
_ORGANS = {
    "镇": "镇党委、政府",
    "乡": "乡党委、政府",
    "街道": "街道党工委、办事处",
    "区": "区委、区政府",
    "苏木": "苏木党委、政府",
}


#: Who a level's documents go down to, and its own offices, as documents name them.
_BELOW = {"街道": "各社区", "区": "各街道、乡镇"}
_OWN_UNITS = {"街道": "街道各科室、站所", "区": "区直各单位"}


@dataclass(frozen=True)
class Level:
    """The words of one office's level: ``own`` 镇/乡/街道, ``superior`` 县/区/市."""

    own: str
    superior: str

    @property
    def organs(self) -> str:
        """镇党委、政府 / 街道党工委、办事处: who decides (“经镇党委、政府研究”)."""
        return _ORGANS.get(self.own, self.own + "党委、政府")

    def facts(self) -> dict[str, str]:
        """The words under Chinese keys, for templates (``乡镇.称谓`` and the rest)."""
        return {
            "称谓": self.own,
            "上级称谓": self.superior,
            "全称": "全" + self.own,  # 全镇, 全街道
            "本级": "本" + self.own,  # 本镇, 本乡
            "我": "我" + self.own,  # 我镇, 我街道
            "党政": self.organs,
            "上级平均": f"全{self.superior}平均水平",
            "基层": _BELOW.get(self.own, "各村（社区）"),  # 各村（社区）/ 各社区
            "直属": _OWN_UNITS.get(self.own, f"{self.own}直各单位"),  # 镇直各单位
        }


def level_word(name: str, words: tuple[str, ...], default: str) -> str:
    """青石镇 → 镇, 桃源乡 → 乡, 云溪县 → 县: how the text refers to the unit ("全镇", "全县")."""
    return next((w for w in sorted(words, key=len, reverse=True) if name.endswith(w)), default)


def level_of(township: Township, office: Office | None = None) -> Level:
    """The situation's own words first, then the office profile's, then the names' endings."""
    own = township.level or (office.level if office else None)
    superior = township.superior_level or (office.superior_level if office else None)
    return Level(
        own or level_word(township.name, LEVELS, "镇"),
        superior or level_word(township.county, SUPERIOR_LEVELS, "县"),
    )
