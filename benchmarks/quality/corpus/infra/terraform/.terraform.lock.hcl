# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.40.0"
  constraints = "~> 5.40"
  hashes = [
    "h1:4f66EaEvnRWM3fNKRKSkbIHnvd421lYn72f0f2Bcoco=",
    "zh:810fa9cc0e1ad62fe52f4c8ed30285fe9aaa877dec286e074dd35c17e5d9cf7b",
    "zh:3ba5681a7b6e2f0f13e24f6788effcf73771afdd09dffaf17549c0730e72d68f",
  ]
}

provider "registry.terraform.io/datadog/datadog" {
  version     = "3.37.0"
  constraints = "~> 3.37"
  hashes = [
    "h1:QAq9B7hfzGSZACdOt7Vnx0AGMvw41Xrn1oXAbJ3eE94=",
    "zh:97f1be8f404af58704d6c7c4ad373d5db3f86cd1a1342195ddecdede7ca0cb1e",
  ]
}
