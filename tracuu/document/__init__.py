"""The document model's structure: headings (Phần/Chương/Mục/Điều/Khoản/Điểm, a plan's I./1./-) and chunks."""
