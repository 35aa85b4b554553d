"""SAMPLE DATA: who issues the sandbox's result documents, unit by unit of the sample catalog.

The catalog names its units by kind (卫生健康部门); a document is issued by a named body of a
place, with the short form (机关代字) its document numbers begin with. The sandbox's people
live in 杭州市西湖区 (dataset.toml), so its bodies are that district's. Made up, as the rest
of the sandbox: no real body issued any of these documents.
"""

from __future__ import annotations

from dataclasses import dataclass

PLACE = "杭州市西湖区"
PLACE_SHORT = "杭西"


@dataclass(frozen=True)
class Issuer:
    name: str  # on the document and round its seal
    code: str  # 机关代字: the document number's prefix, as in 杭西卫办〔2026〕123号


_ISSUERS = {
    "health": Issuer("杭州市西湖区卫生健康局", "杭西卫办"),
    "midwifery": Issuer("杭州市西湖区妇幼保健院", "杭西妇保"),
    "police": Issuer("杭州市公安局西湖区分局", "杭公西"),
    "medical-insurance": Issuer("杭州市西湖区医疗保障局", "杭西医保"),
    "hrss": Issuer("杭州市西湖区人力资源和社会保障局", "杭西人社"),
    "service-centre": Issuer("杭州市西湖区行政服务中心", "杭西政服"),
    "civil-affairs": Issuer("杭州市西湖区民政局", "杭西民"),
    "education": Issuer("杭州市西湖区教育局", "杭西教"),
    "market-regulation": Issuer("杭州市西湖区市场监督管理局", "杭西市监"),
    "tax": Issuer("国家税务总局杭州市西湖区税务局", "杭西税"),
    "housing-fund": Issuer("杭州住房公积金管理中心西湖分中心", "杭公积金西"),
    "natural-resources": Issuer("杭州市规划和自然资源局西湖分局", "杭规划资源西"),
    "veterans": Issuer("杭州市西湖区退役军人事务局", "杭西退役"),
    "disabled-federation": Issuer("杭州市西湖区残疾人联合会", "杭西残联"),
}


def issuer(unit_id: str, unit_name: str) -> Issuer:
    """The body that issues a unit's documents; for a unit without one of its own above, the
    district's body of the catalog's kind ("税务部门" → "杭州市西湖区税务部门")."""
    found = _ISSUERS.get(unit_id)
    if found is not None:
        return found
    return Issuer(f"{PLACE}{unit_name}", f"{PLACE_SHORT}{unit_name[:1]}")
