"""borrower-bot: sourced answers and repayment plans for struggling borrowers."""
