"""The sample catalog, and the checker that guards every catalog (§5.2.4, §5.3.1, §5.1)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog import MaterialSource, check_catalog, load_catalog
from kiosk.catalog.check import is_vague
from kiosk.catalog.model import Audience, Catalog, answers_to
from kiosk.tomlfile import FileProblem
from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[1]
BIRTH = ROOT / "config" / "catalog" / "onethings" / "birth.toml"


def test_sample_catalog_passes_every_check(catalog):
    assert check_catalog(catalog) == []


def test_sample_catalog_has_the_sixteen_life_cycle_stages(catalog):
    personal = [s.name for s in catalog.stages if s.audience is Audience.PERSONAL]
    enterprise = [s.name for s in catalog.stages if s.audience is Audience.ENTERPRISE]
    assert personal == [
        "出生",
        "上学",
        "就业",
        "婚育",
        "置业",
        "救助",
        "就医",
        "退休",
        "养老",
        "身后",
    ]
    assert enterprise == ["企业开办", "场地获得", "员工招聘", "生产经营", "权益保护", "清算注销"]
    for stage in catalog.stages:
        assert catalog.onethings_in(stage.id), f"stage {stage.name} has no one-thing"


def test_every_named_part_of_t_zas_4009_is_a_one_thing(catalog):
    parts = {o.standard for o in catalog.onethings if o.standard}
    assert parts == {f"T/ZAS 4009.{n}" for n in range(2, 20)}


def test_birth_is_exactly_annex_a(catalog):
    birth = catalog.onething("birth")
    assert [i.name for i in birth.items] == [
        "出生医学证明办理",
        "预防接种证办理",
        "户口登记",
        "医保参保登记",
        "社保卡办理",
        "生育保险待遇审核",
    ]
    assert len(birth.materials) == 4
    shared = [m for m in birth.materials if m.source is MaterialSource.SHARED]
    assert len(shared) == 3 and all(m.dataset for m in shared)
    assert catalog.unit(birth.lead_unit).name == "卫生健康部门"
    assert {catalog.unit(u).name for u in birth.co_units} == {
        "公安部门",
        "医疗保障部门",
        "人力社保部门",
        "行政服务中心",
        "大数据管理部门",
    }
    assert birth.time_limit_days == 4
    assert birth.guide.fee.startswith("不收费")
    # Flow: midwifery → police → medical insurance → social security, 1 working day each.
    assert [catalog.unit(s.unit).name for s in birth.flow] == [
        "助产机构",
        "公安部门",
        "医疗保障部门",
        "人力社保部门",
    ]
    assert [s.time_limit_days for s in birth.flow] == [1, 1, 1, 1]


def test_gaokao_models_the_standards_three_level_example(catalog):
    """§5.1.1: 上学 + 高考优待 + 少数民族考生."""
    gaokao = next(o for o in catalog.onethings if o.standard == "T/ZAS 4009.6")
    assert catalog.stage(gaokao.stage).name == "上学"
    minority = [s for s in gaokao.situations if "少数民族" in s.name]
    assert minority, "no 少数民族考生 situation"
    assert answers_to(gaokao, minority[0].id) is not None


# -- the checker, on catalogs broken on purpose ------------------------------------------


def _problems(edit) -> list[str]:
    """Check the sample catalog with its birth one-thing edited in memory."""
    data = tomllib.loads((ROOT / "config" / "catalog" / "catalog.toml").read_text("utf-8"))
    birth = tomllib.loads(BIRTH.read_text("utf-8"))
    edit(birth)
    data["onethings"] = [birth]
    return [str(p) for p in check_catalog(Catalog.model_validate(data))]


def test_rejects_a_material_named_related_proof_naming_one_thing_and_material():
    def edit(b):
        b["materials"][0]["name"] = "相关证明"

    problems = _problems(edit)
    assert any("出生一件事" in p and "相关证明" in p and "vague" in p for p in problems)


@pytest.mark.parametrize(
    "name",
    [
        "其他材料",
        "其它材料",
        "相关证明",
        "相关材料",
        "有关证明",
        "其他证明材料",
        "户口簿等材料",
        "身份证……等材料",
        "身份证...等材料",
        "身份证、户口簿等",
        "户口簿等材料。",
        "户口簿等材料（复印件）",
        "身份证……等证明材料",
        "户口簿等证明文件",
        "身份证等有效证件",
        "其他必要材料",
        "其他有效证明",
        "其它佐证资料",
        "其余材料",
        "相关证照",
        "相关凭证",
        "有关部门出具的证明",
        "……",
        "其他",
    ],
)
def test_vague_material_names_are_caught(name):
    assert is_vague(name)


@pytest.mark.parametrize(
    "name",
    [
        "新生儿父母结婚证",
        "居民户口簿",
        "出生医学证明",
        "不动产权证书",
        "营业执照",
        "残疾人证",
        "死亡医学证明（推断）书",
        "高等学校毕业证书",
        "平等就业承诺书",
        "中等职业学校学籍证明",
        "一等功证书",
        "居民身份证（原件）",
    ],
)
def test_precise_material_names_pass(name):
    assert not is_vague(name)


@given(
    st.text(alphabet="居民身份证户口簿结婚证明复印件原", max_size=10),
    st.sampled_from(["其他材料", "相关证明", "等材料", "……等材料", "有关证明文件"]),
    st.sampled_from(["", "。", "（复印件）", "；", " "]),
)
def test_a_vague_phrase_is_caught_whatever_comes_before_or_after(prefix, vague, suffix):
    assert is_vague(prefix + vague + suffix)


@given(st.text(alphabet="居民身份证户口簿结婚出生医学不动产权书营业执照", min_size=1, max_size=12))
def test_names_made_of_precise_words_pass(name):
    assert not is_vague(name)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda b: b["guide"].update(fee=""), "收费依据及标准"),
        (lambda b: b["guide"].update(full_guide_url=""), "QR code"),
        (lambda b: b.update(lead_unit="nowhere"), "lead unit 'nowhere'"),
        (lambda b: b.update(time_limit_days=0), "positive"),
        (lambda b: b["items"][0].update(time_limit_days=-1), "positive"),
        (lambda b: b.update(time_limit_days=3), "more than the one-thing's time limit"),
        (lambda b: b["situations"][0].update(time_limit_days=3), "more than its time limit of 3"),
        (lambda b: b["materials"][1].update(dataset=""), "names no dataset"),
        (lambda b: b["materials"][0].update(legal_basis=""), "no legal basis"),
        (
            lambda b: b["materials"][0].update(
                name="户籍承诺书", source="commitment", commitment_text="本人承诺……"
            ),
            "names the commitment itself",
        ),
        (lambda b: b["questions"][0]["options"][0].pop("situation"), "cannot be reached"),
        (lambda b: b["questions"][0]["options"][0].update(next="born-where"), "loops back"),
        (lambda b: b["questions"][0]["options"][1].update(situation="newborn"), "exactly one"),
        (lambda b: b["situations"][0].update(materials=["registration-form"]), "in no situation"),
        (lambda b: b["flow"].pop(), "handled by no flow step"),
        (
            lambda b: b["questions"][0].update(card_retirement_age=True, card_age_at_least=60),
            "by one rule, not two",
        ),
        (
            lambda b: (
                b["questions"][0].update(card_retirement_age=True),
                b["questions"][0]["options"].append({"label": "不清楚", "situation": "newborn"}),
            ),
            "needs two answers",
        ),
    ],
)
def test_checker_names_each_problem(edit, expected):
    problems = _problems(edit)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("one-thing '出生一件事' (birth)") for p in problems)


def test_structural_errors_name_the_file_and_key(tmp_path):
    root = tmp_path / "cat"
    (root / "onethings").mkdir(parents=True)
    (root / "catalog.toml").write_text(
        (ROOT / "config" / "catalog" / "catalog.toml").read_text("utf-8"), "utf-8"
    )
    text = BIRTH.read_text("utf-8").replace("time_limit_days = 4", 'time_limit_days = "four"')
    (root / "onethings" / "birth.toml").write_text(text, "utf-8")
    with pytest.raises(FileProblem) as e:
        load_catalog(root)
    assert "birth.toml: time_limit_days: must be a whole number, not 'four'" in str(e.value)


def test_catalog_check_command_passes_the_sample():
    result = run_kiosk("catalog", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "16 stages" in result.stdout


def test_catalog_check_command_rejects_related_proof(tmp_path):
    copy = tmp_path / "catalog"
    shutil.copytree(ROOT / "config" / "catalog", copy)
    birth = copy / "onethings" / "birth.toml"
    birth.write_text(
        birth.read_text("utf-8").replace('name = "新生儿父母结婚证"', 'name = "相关证明"'), "utf-8"
    )
    result = run_kiosk("catalog", "check", str(copy))
    assert result.returncode == 1
    assert "'出生一件事'" in result.stdout and "material '相关证明'" in result.stdout
    assert "Traceback" not in result.stderr


def test_catalog_check_command_on_broken_toml_says_so_plainly(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("version = \n", "utf-8")
    result = run_kiosk("catalog", "check", str(bad))
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_kiosk_offering_names_a_subset_and_a_list_naming_nothing_here_offers_all(catalog):
    offered = catalog.offering(["birth", "retirement"])
    assert {o.id for o in offered.onethings} == {"birth", "retirement"}
    assert {s.id for s in offered.stages} == {"birth", "retirement"}
    assert catalog.offering([]) is catalog
    assert catalog.offering(["brith"]) is catalog  # a typo in a push must not empty a kiosk
