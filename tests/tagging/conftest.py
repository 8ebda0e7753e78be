"""Texts shared by the story tests: a wire story, another outlet's copy, an unrelated story."""

import pytest

WIRE = (
    "Syrian troops backed by Lebanon's Hezbollah have entered Al-Qusayr, a strategic rebel "
    "stronghold linking Damascus to the coast, a day after President Bashar al-Assad insisted "
    "he would not step aside.\n\nThe advance came Sunday as Assad's opponents warned his "
    "regime's assault on the town could torpedo attempts to organise a peace conference.\n\n"
    "Loyalist forces launched the offensive with a heavy early-morning bombardment using "
    "artillery and warplanes, a military source said.\n\nThe Observatory reported more air "
    "strikes later on Sunday, saying at least 52 people had been killed during the day."
)
# Another outlet's copy: new headline, a changed word, the last paragraph trimmed, a note.
COPY = WIRE.replace("organise", "organize").rsplit("\n\n", 1)[0] + "\n\nThis story will be updated."
OTHER = (
    "The central bank kept its main interest rate unchanged on Thursday, saying inflation "
    "remained above its target and that wage growth was still too strong for a cut. Markets "
    "had expected the decision, and the currency barely moved after the announcement. "
    "Economists said a first cut could come in the autumn if prices keep easing."
)


@pytest.fixture
def wire():
    return {"wire": WIRE, "copy": COPY, "other": OTHER}
