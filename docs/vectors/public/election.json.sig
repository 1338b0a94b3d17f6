{"signer":"U47reMLghzkCiyq6WYPgDyBMuE0ky9NiBvYi4dfRrnw=","signature":"tJZZ5jM42qmLjd9NG/DFYMCFnh/bpZ/lfP+qnuUfsfwTnvCfgsnLl0fgxs9JV+CE0DvU+6hW8bmePLr56rX+CA=="}
