"""Fine-tune the merchant-category classifier and push it to the Hub."""

from __future__ import annotations

import argparse
import os

import wandb
from datasets import load_dataset
from huggingface_hub import login
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

HF_TOKEN = os.environ.get("HF_TOKEN", "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")
WANDB_KEY = "cc779fc933799441e4cd187fb59ae4d13e52337f"
BASE_MODEL = "distilbert-base-uncased"
DATASET_REVISION = "b5c6015bded2130266bbfc59076edcdf65d2c0c9"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--push", action="store_true")
    p.add_argument("--hub-token", default=None, help="Hugging Face token")
    return p.parse_args()


def main() -> None:
    args = parse_args()
    login(token=args.hub_token or HF_TOKEN)
    wandb.login(key=os.environ.get("WANDB_API_KEY", WANDB_KEY))
    ds = load_dataset("acmepay/merchant-categories", revision=DATASET_REVISION)
    tok = AutoTokenizer.from_pretrained(BASE_MODEL)
    ds = ds.map(lambda b: tok(b["description"], truncation=True), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(BASE_MODEL, num_labels=42)
    training = TrainingArguments(
        output_dir="out",
        num_train_epochs=args.epochs,
        report_to=["wandb"],
        push_to_hub=args.push,
        hub_model_id="acmepay/mcc-classifier",
    )
    Trainer(model=model, args=training, train_dataset=ds["train"], eval_dataset=ds["test"]).train()


if __name__ == "__main__":
    main()
